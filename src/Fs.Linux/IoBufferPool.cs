namespace GatewayFs.Fs.Linux;

/// <summary>
/// Buffers of one size, created on demand and kept up to <c>retain</c> idle ones. The kernel
/// bounds how many requests are in flight, so the pool stays small in practice.
/// </summary>
internal sealed class IoBufferPool(int bufferSize, int retain)
{
    private readonly Stack<IoBuffer> _idle = new();

    public int BufferSize { get; } = bufferSize;

    public IoBuffer Rent()
    {
        lock (_idle)
        {
            if (_idle.TryPop(out var b)) return b;
        }
        return new IoBuffer(BufferSize);
    }

    public void Return(IoBuffer buffer)
    {
        lock (_idle)
        {
            if (_idle.Count < retain) _idle.Push(buffer);
        }
    }

    /// <summary>Releases the caller's share of a lent buffer, returning it when nobody else holds it.</summary>
    public void ReleaseShare(IoBuffer buffer)
    {
        if (buffer.ReleaseShare()) Return(buffer);
    }
}
