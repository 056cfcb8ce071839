using System.Security.Cryptography;

namespace GatewayFs.ObjectStore;

/// <summary>
/// Writes one object file: data (hashed as it goes) into a temporary file, then the trailer,
/// fsync, and an atomic rename into place followed by an fsync of the directory. Disposing an
/// unpublished writer deletes the temporary file.
/// </summary>
internal sealed class LocalObjectWriter : IAsyncDisposable
{
    private readonly FileStream _file;
    private readonly IncrementalHash _md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
    private bool _published;

    public LocalObjectWriter(string temporaryDirectory)
    {
        TemporaryPath = Path.Combine(temporaryDirectory, Guid.NewGuid().ToString("N"));
        _file = new FileStream(TemporaryPath, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            BufferSize = 0,
            Options = FileOptions.Asynchronous,
        });
    }

    public string TemporaryPath { get; }

    public long Length { get; private set; }

    public async Task WriteAsync(ReadOnlyMemory<byte> data, CancellationToken ct)
    {
        _md5.AppendData(data.Span);
        await _file.WriteAsync(data, ct).ConfigureAwait(false);
        Length += data.Length;
    }

    /// <summary>Copies exactly <paramref name="length"/> bytes from <paramref name="source"/>.</summary>
    public async Task CopyFromAsync(Stream source, long length, CancellationToken ct)
    {
        byte[] buffer = new byte[(int)Math.Clamp(length, 1, 1 << 20)];
        while (length > 0)
        {
            int n = await source.ReadAsync(buffer.AsMemory(0, (int)Math.Min(length, buffer.Length)), ct).ConfigureAwait(false);
            if (n == 0) throw new EndOfStreamException($"source ended {length} bytes early");
            await WriteAsync(buffer.AsMemory(0, n), ct).ConfigureAwait(false);
            length -= n;
        }
    }

    /// <summary>The MD5 of everything written so far.</summary>
    public byte[] Md5() => _md5.GetCurrentHash();

    /// <summary>Appends the trailer, makes the file durable, and renames it onto <paramref name="target"/>.</summary>
    public async Task PublishAsync(LocalObjectHeader header, string target, CancellationToken ct)
    {
        await _file.WriteAsync(header.ToTrailer(), ct).ConfigureAwait(false);
        _file.Flush(flushToDisk: true);
        await _file.DisposeAsync().ConfigureAwait(false);
        string directory = Path.GetDirectoryName(target)!;
        // A concurrent delete may prune the (then empty) parent between creating and renaming.
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                Directory.CreateDirectory(directory);
                File.Move(TemporaryPath, target, overwrite: true);
                break;
            }
            catch (DirectoryNotFoundException) when (attempt < 5)
            {
            }
        }
        _published = true;
        DirectorySync.Sync(directory);
    }

    public async ValueTask DisposeAsync()
    {
        await _file.DisposeAsync().ConfigureAwait(false);
        _md5.Dispose();
        if (!_published) File.Delete(TemporaryPath);
    }
}
