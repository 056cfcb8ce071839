namespace GatewayFs.Cli.Control;

/// <summary>One request line a CLI sends to a daemon.</summary>
/// <param name="Op"><c>status</c>, <c>flush</c> or <c>unmount</c>.</param>
/// <param name="Force">unmount: unmount even when the flush cannot finish.</param>
/// <param name="StallSeconds">flush/unmount: give up after this long with the store unreachable and no progress.</param>
internal sealed record ControlRequest(string Op, bool Force = false, double StallSeconds = 30)
{
    public const string Status = "status";
    public const string Flush = "flush";
    public const string Unmount = "unmount";
}
