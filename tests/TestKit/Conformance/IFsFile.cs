using GatewayFs.Fs;

namespace GatewayFs.TestKit.Conformance;

/// <summary>An open file of an <see cref="IFsSession"/>: a file descriptor with a position. Disposing closes it.</summary>
public interface IFsFile : IAsyncDisposable
{
    /// <summary>read(2) at the position, which advances.</summary>
    ValueTask<int> ReadAsync(Memory<byte> buffer);

    /// <summary>write(2) at the position (at the end for append), which advances.</summary>
    ValueTask<int> WriteAsync(ReadOnlyMemory<byte> data);

    /// <summary>pread(2).</summary>
    ValueTask<int> PreadAsync(long offset, Memory<byte> buffer);

    /// <summary>pwrite(2).</summary>
    ValueTask<int> PwriteAsync(long offset, ReadOnlyMemory<byte> data);

    /// <summary>lseek(2) with SEEK_SET, SEEK_CUR or SEEK_END; returns the new position.</summary>
    ValueTask<long> SeekAsync(long offset, SeekOrigin origin);

    /// <summary>fstat(2).</summary>
    ValueTask<FileAttr> StatAsync();

    /// <summary>ftruncate(2).</summary>
    ValueTask TruncateAsync(long size);

    /// <summary>fsync(2) or fdatasync(2).</summary>
    ValueTask FsyncAsync(bool dataOnly = false);
}
