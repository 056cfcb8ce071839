namespace GatewayFs.Fs;

/// <summary>What the adapter needs to know about a filesystem before mounting it.</summary>
public sealed record FsInfo
{
    /// <summary>Shown as the source in /proc/mounts (fsname), e.g. <c>gatewayfs:bucket/prefix</c>.</summary>
    public string Name { get; init; } = "gatewayfs";

    /// <summary>Filesystem subtype (<c>fuse.SUBTYPE</c>).</summary>
    public string Subtype { get; init; } = "gatewayfs";

    /// <summary>Mount read-only.</summary>
    public bool ReadOnly { get; init; }

    /// <summary>Longest name in bytes the backend can hold.</summary>
    public int NameMax { get; init; } = 255;

    /// <summary>Largest single read or write the filesystem wants (the adapter caps it at the kernel's limit).</summary>
    public int MaxIoSize { get; init; } = 1 << 20;

    /// <summary>Let the kernel buffer writes (FUSE writeback cache); the filesystem then sees larger, later writes.</summary>
    public bool WritebackCache { get; init; }
}
