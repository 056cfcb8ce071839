using GatewayFs.Fs;
using GatewayFs.TestKit.Posix;
using static GatewayFs.TestKit.Posix.Libc;

namespace GatewayFs.TestKit.Conformance;

/// <summary>A real file descriptor.</summary>
internal sealed unsafe class PosixFile(int fd, string path) : IFsFile
{
    private int _fd = fd;

    public ValueTask<int> ReadAsync(Memory<byte> buffer)
    {
        fixed (byte* b = buffer.Span) return new((int)Errno.Check(Read(Fd, b, buffer.Length), "read", path));
    }

    public ValueTask<int> WriteAsync(ReadOnlyMemory<byte> data)
    {
        fixed (byte* b = data.Span) return new((int)Errno.Check(Write(Fd, b, data.Length), "write", path));
    }

    public ValueTask<int> PreadAsync(long offset, Memory<byte> buffer)
    {
        fixed (byte* b = buffer.Span) return new((int)Errno.Check(Pread(Fd, b, buffer.Length, offset), "pread", path));
    }

    public ValueTask<int> PwriteAsync(long offset, ReadOnlyMemory<byte> data)
    {
        fixed (byte* b = data.Span) return new((int)Errno.Check(Pwrite(Fd, b, data.Length, offset), "pwrite", path));
    }

    public ValueTask<long> SeekAsync(long offset, SeekOrigin origin) =>
        new(Errno.Check(Lseek(Fd, offset, (int)origin), "lseek", path));

    public ValueTask<FileAttr> StatAsync()
    {
        Errno.Check(Fstat(Fd, out var st), "fstat", path);
        return new(PosixSession.ToAttr(st));
    }

    public ValueTask TruncateAsync(long size)
    {
        Errno.Check(Ftruncate(Fd, size), "ftruncate", path);
        return ValueTask.CompletedTask;
    }

    public ValueTask FsyncAsync(bool dataOnly = false)
    {
        Errno.Check(dataOnly ? Fdatasync(Fd) : Fsync(Fd), dataOnly ? "fdatasync" : "fsync", path);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        int fd = Interlocked.Exchange(ref _fd, -1);
        if (fd >= 0) Errno.Check(Close(fd), "close", path);
        return ValueTask.CompletedTask;
    }

    private int Fd => _fd >= 0 ? _fd : throw new FsException(FsError.BadHandle, $"{path} is closed");
}
