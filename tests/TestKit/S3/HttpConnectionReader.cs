using System.Text;

namespace GatewayFs.TestKit.S3;

/// <summary>
/// Buffered reading of HTTP/1.1 messages from a socket stream: header blocks line by line, then
/// bodies forwarded verbatim by their framing (Content-Length, chunked, or until close).
/// </summary>
internal sealed class HttpConnectionReader(Stream stream)
{
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;

    /// <summary>Reads a start line and headers; null when the peer closed before sending anything.</summary>
    public async Task<(string StartLine, List<KeyValuePair<string, string>> Headers)?> ReadHeadAsync(CancellationToken ct)
    {
        string? startLine = await ReadLineAsync(ct).ConfigureAwait(false);
        while (startLine is { Length: 0 }) startLine = await ReadLineAsync(ct).ConfigureAwait(false); // tolerate stray CRLF between messages
        if (startLine is null) return null;
        var headers = new List<KeyValuePair<string, string>>();
        while (true)
        {
            string line = await ReadLineAsync(ct).ConfigureAwait(false) ?? throw new IOException("connection closed inside a header block");
            if (line.Length == 0) return (startLine, headers);
            int colon = line.IndexOf(':');
            if (colon <= 0) throw new IOException($"malformed header line '{line}'");
            headers.Add(new(line[..colon].Trim(), line[(colon + 1)..].Trim()));
        }
    }

    /// <summary>Copies exactly <paramref name="count"/> bytes to <paramref name="destination"/>.</summary>
    public async Task CopyExactAsync(long count, Stream destination, CancellationToken ct)
    {
        while (count > 0)
        {
            if (_start == _end && !await FillAsync(ct).ConfigureAwait(false)) throw new IOException($"connection closed with {count} body bytes missing");
            int n = (int)Math.Min(count, _end - _start);
            await destination.WriteAsync(_buffer.AsMemory(_start, n), ct).ConfigureAwait(false);
            _start += n;
            count -= n;
        }
    }

    /// <summary>Copies a chunked body, framing included, to <paramref name="destination"/>.</summary>
    public async Task CopyChunkedAsync(Stream destination, CancellationToken ct)
    {
        while (true)
        {
            string sizeLine = await ReadLineAsync(ct).ConfigureAwait(false) ?? throw new IOException("connection closed inside a chunked body");
            await WriteLineAsync(destination, sizeLine, ct).ConfigureAwait(false);
            int semicolon = sizeLine.IndexOf(';');
            long size = Convert.ToInt64((semicolon < 0 ? sizeLine : sizeLine[..semicolon]).Trim(), 16);
            if (size == 0)
            {
                // Trailers, then the empty line that ends the message.
                while (true)
                {
                    string trailer = await ReadLineAsync(ct).ConfigureAwait(false) ?? throw new IOException("connection closed inside chunk trailers");
                    await WriteLineAsync(destination, trailer, ct).ConfigureAwait(false);
                    if (trailer.Length == 0) return;
                }
            }
            await CopyExactAsync(size, destination, ct).ConfigureAwait(false);
            string end = await ReadLineAsync(ct).ConfigureAwait(false) ?? throw new IOException("connection closed after a chunk");
            await WriteLineAsync(destination, end, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Copies everything until the peer closes.</summary>
    public async Task CopyUntilCloseAsync(Stream destination, CancellationToken ct)
    {
        while (_start < _end || await FillAsync(ct).ConfigureAwait(false))
        {
            await destination.WriteAsync(_buffer.AsMemory(_start, _end - _start), ct).ConfigureAwait(false);
            _start = _end;
        }
    }

    public static Task WriteLineAsync(Stream destination, string line, CancellationToken ct) =>
        destination.WriteAsync(Encoding.Latin1.GetBytes(line + "\r\n"), ct).AsTask();

    private async Task<string?> ReadLineAsync(CancellationToken ct)
    {
        var line = new StringBuilder();
        while (true)
        {
            if (_start == _end && !await FillAsync(ct).ConfigureAwait(false))
                return line.Length == 0 ? null : throw new IOException("connection closed inside a line");
            int newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            int stop = newline < 0 ? _end : newline;
            line.Append(Encoding.Latin1.GetString(_buffer, _start, stop - _start));
            _start = newline < 0 ? _end : newline + 1;
            if (newline >= 0)
            {
                if (line.Length > 0 && line[^1] == '\r') line.Length--;
                return line.ToString();
            }
            if (line.Length > 64 * 1024) throw new IOException("header line longer than 64 KiB");
        }
    }

    private async Task<bool> FillAsync(CancellationToken ct)
    {
        _start = 0;
        _end = await stream.ReadAsync(_buffer, ct).ConfigureAwait(false);
        return _end > 0;
    }
}
