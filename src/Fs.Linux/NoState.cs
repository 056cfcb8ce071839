namespace GatewayFs.Fs.Linux;

/// <summary>No state: the reply needs nothing but the result.</summary>
internal readonly struct NoState : IReplyState
{
    public void Done(FuseSession session) { }
}
