namespace GatewayFs.Fs.Linux;

/// <summary>The size the kernel allowed for the answer (0: it asks for the size only).</summary>
internal readonly struct SizeState(int size) : IReplyState
{
    public int Size { get; } = size;

    public void Done(FuseSession session) { }
}
