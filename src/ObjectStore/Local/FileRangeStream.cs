using Microsoft.Win32.SafeHandles;

namespace GatewayFs.ObjectStore;

/// <summary>A read-only stream over bytes [start, end) of an open file; owns the handle.</summary>
internal sealed class FileRangeStream : Stream
{
    private readonly SafeFileHandle file;
    private readonly long start;
    private readonly long end;
    private long _position;

    public FileRangeStream(SafeFileHandle file, long start, long end)
    {
        this.file = file;
        this.start = start;
        this.end = end;
        _position = start;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => end - start;

    public override long Position
    {
        get => _position - start;
        set => throw new NotSupportedException("forward-only stream");
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int want = (int)Math.Min(buffer.Length, end - _position);
        if (want <= 0) return 0;
        int n = RandomAccess.Read(file, buffer[..want], _position);
        _position += n;
        return n;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int want = (int)Math.Min(buffer.Length, end - _position);
        if (want <= 0) return 0;
        int n = await RandomAccess.ReadAsync(file, buffer[..want], _position, cancellationToken).ConfigureAwait(false);
        _position += n;
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    protected override void Dispose(bool disposing)
    {
        if (disposing) file.Dispose();
        base.Dispose(disposing);
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("forward-only stream");
    public override void SetLength(long value) => throw new NotSupportedException("read-only stream");
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("read-only stream");
}
