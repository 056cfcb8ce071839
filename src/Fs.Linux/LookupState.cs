namespace GatewayFs.Fs.Linux;

/// <summary>How long the kernel may remember a "not found" (0: not at all, answer ENOENT).</summary>
internal readonly struct LookupState(double negativeSeconds) : IReplyState
{
    public double NegativeSeconds { get; } = negativeSeconds;

    public void Done(FuseSession session) { }
}
