namespace GatewayFs.Fs.Linux;

/// <summary>A pooled buffer that goes back to the pool once the reply is sent.</summary>
internal readonly struct BufferState(IoBuffer? buffer, bool shared) : IReplyState
{
    public IoBuffer? Buffer { get; } = buffer;

    public void Done(FuseSession session)
    {
        if (Buffer is null) return;
        if (shared) session.Buffers.ReleaseShare(Buffer);
        else session.Buffers.Return(Buffer);
    }
}
