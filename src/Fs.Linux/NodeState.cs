namespace GatewayFs.Fs.Linux;

/// <summary>The node a reply is about (stat replies fall back to it for st_ino).</summary>
internal readonly struct NodeState(ulong node) : IReplyState
{
    public ulong Node { get; } = node;

    public void Done(FuseSession session) { }
}
