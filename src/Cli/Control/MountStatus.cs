using GatewayFs.Volumes;

namespace GatewayFs.Cli.Control;

/// <summary>What `gatewayfs status` shows of one mount.</summary>
internal sealed record MountStatus
{
    public required string Mountpoint { get; init; }
    /// <summary><c>mounted</c>, <c>unmounting</c>, or, when the daemon did not answer, <c>not responding</c> / <c>dead</c>.</summary>
    public required string State { get; init; }
    public int Pid { get; init; }
    public string? CacheDir { get; init; }
    public string? LogFile { get; init; }
    public string? Bucket { get; init; }
    public string? Prefix { get; init; }
    public string? Endpoint { get; init; }
    public bool ReadOnly { get; init; }
    public string? Metrics { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    /// <summary>The volume's counters; null when the daemon did not answer.</summary>
    public VolumeStatus? Volume { get; init; }
    /// <summary>Why the daemon did not answer, or a problem found beside it.</summary>
    public string? Problem { get; init; }
}
