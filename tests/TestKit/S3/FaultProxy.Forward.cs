using System.Net.Sockets;
using System.Text;

namespace GatewayFs.TestKit.S3;

public sealed partial class FaultProxy
{
    private async Task ServeConnectionAsync(TcpClient client, CancellationToken ct)
    {
        NetworkStream downstream = client.GetStream();
        var fromClient = new HttpConnectionReader(downstream);
        TcpClient? upstream = null;
        HttpConnectionReader? fromServer = null;
        try
        {
            while (true)
            {
                var head = await fromClient.ReadHeadAsync(ct).ConfigureAwait(false);
                if (head is null) return;
                (string requestLine, List<KeyValuePair<string, string>> headers) = head.Value;
                string[] parts = requestLine.Split(' ');
                if (parts.Length < 3) throw new IOException($"malformed request line '{requestLine}'");
                string method = parts[0];
                var request = new ProxyRequest(method, parts[1], S3RequestKind.Of(method, parts[1], headers));

                // We answer 100-continue ourselves, so upstream never sends interim responses.
                if (headers.RemoveAll(h => h.Key.Equals("Expect", StringComparison.OrdinalIgnoreCase)) > 0)
                    await downstream.WriteAsync("HTTP/1.1 100 Continue\r\n\r\n"u8.ToArray(), ct).ConfigureAwait(false);

                RememberCredential(Header(headers, "Authorization"));
                Fault? fault = Decide(request);
                TimeSpan latency = Latency;
                if (latency > TimeSpan.Zero) await Task.Delay(latency, ct).ConfigureAwait(false);

                switch (fault?.Kind)
                {
                    case FaultKind.Reset:
                        client.Client.LingerState = new LingerOption(true, 0);
                        client.Client.Close();
                        return;
                    case FaultKind.Blackhole:
                        await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
                        return;
                    case FaultKind.Status:
                        await CopyBodyAsync(fromClient, headers, Stream.Null, ct).ConfigureAwait(false);
                        await WriteErrorAsync(downstream, method, fault, ct).ConfigureAwait(false);
                        continue;
                }

                if (upstream is null || IsClosed(upstream))
                {
                    upstream?.Dispose();
                    upstream = new TcpClient { NoDelay = true };
                    await upstream.ConnectAsync(_upstream.Host, _upstream.Port, ct).ConfigureAwait(false);
                    fromServer = new HttpConnectionReader(upstream.GetStream());
                }
                NetworkStream serverStream = upstream.GetStream();
                await WriteHeadAsync(serverStream, requestLine, headers, ct).ConfigureAwait(false);
                await CopyBodyAsync(fromClient, headers, serverStream, ct).ConfigureAwait(false);

                bool keepOpen = await RelayResponseAsync(fromServer!, downstream, method, ct).ConfigureAwait(false);
                if (!keepOpen || WantsClose(headers)) return;
            }
        }
        finally
        {
            upstream?.Dispose();
        }
    }

    /// <summary>Relays one response; false when the connection must close afterwards.</summary>
    private static async Task<bool> RelayResponseAsync(HttpConnectionReader fromServer, Stream downstream, string method, CancellationToken ct)
    {
        while (true)
        {
            var head = await fromServer.ReadHeadAsync(ct).ConfigureAwait(false) ?? throw new IOException("upstream closed without answering");
            (string statusLine, List<KeyValuePair<string, string>> headers) = head;
            await WriteHeadAsync(downstream, statusLine, headers, ct).ConfigureAwait(false);
            int status = int.Parse(statusLine.Split(' ')[1]);
            if (status is >= 100 and < 200) continue;
            if (method == "HEAD" || status is 204 or 304) return !WantsClose(headers);
            if (Header(headers, "Transfer-Encoding")?.Contains("chunked", StringComparison.OrdinalIgnoreCase) == true)
            {
                await fromServer.CopyChunkedAsync(downstream, ct).ConfigureAwait(false);
                return !WantsClose(headers);
            }
            if (Header(headers, "Content-Length") is { } length)
            {
                await fromServer.CopyExactAsync(long.Parse(length), downstream, ct).ConfigureAwait(false);
                return !WantsClose(headers);
            }
            await fromServer.CopyUntilCloseAsync(downstream, ct).ConfigureAwait(false);
            return false;
        }
    }

    private static async Task CopyBodyAsync(HttpConnectionReader from, List<KeyValuePair<string, string>> headers, Stream to, CancellationToken ct)
    {
        if (Header(headers, "Transfer-Encoding")?.Contains("chunked", StringComparison.OrdinalIgnoreCase) == true)
            await from.CopyChunkedAsync(to, ct).ConfigureAwait(false);
        else if (Header(headers, "Content-Length") is { } length)
            await from.CopyExactAsync(long.Parse(length), to, ct).ConfigureAwait(false);
    }

    private static async Task WriteErrorAsync(Stream downstream, string method, Fault fault, CancellationToken ct)
    {
        byte[] body = Encoding.UTF8.GetBytes(
            $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>{fault.Code}</Code><Message>injected by FaultProxy</Message><RequestId>FAULTPROXY</RequestId></Error>");
        if (method == "HEAD") body = [];
        string head = $"HTTP/1.1 {fault.Status} {ReasonPhrase(fault.Status)}\r\nContent-Type: application/xml\r\n" +
                      $"Content-Length: {body.Length}\r\nx-amz-request-id: FAULTPROXY\r\n\r\n";
        await downstream.WriteAsync(Encoding.ASCII.GetBytes(head), ct).ConfigureAwait(false);
        await downstream.WriteAsync(body, ct).ConfigureAwait(false);
    }

    private static async Task WriteHeadAsync(Stream to, string startLine, List<KeyValuePair<string, string>> headers, CancellationToken ct)
    {
        var sb = new StringBuilder(startLine).Append("\r\n");
        foreach ((string name, string value) in headers) sb.Append(name).Append(": ").Append(value).Append("\r\n");
        sb.Append("\r\n");
        await to.WriteAsync(Encoding.Latin1.GetBytes(sb.ToString()), ct).ConfigureAwait(false);
    }

    private static string? Header(List<KeyValuePair<string, string>> headers, string name) =>
        headers.FirstOrDefault(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;

    private static bool WantsClose(List<KeyValuePair<string, string>> headers) =>
        Header(headers, "Connection")?.Equals("close", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>An idle upstream connection the server has closed reads as readable with nothing to read.</summary>
    private static bool IsClosed(TcpClient upstream)
    {
        try
        {
            return upstream.Client.Poll(0, SelectMode.SelectRead) && upstream.Client.Available == 0;
        }
        catch (ObjectDisposedException)
        {
            return true;
        }
    }

    private static string ReasonPhrase(int status) => status switch
    {
        403 => "Forbidden",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Error",
    };
}
