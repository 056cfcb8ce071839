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

    /// <summary>
    /// How long the kernel may remember that a name does not exist (a negative entry), so a
    /// repeated stat or open of a missing name is not asked again; zero (the default) asks
    /// the filesystem every time. A create, mkdir, symlink, link or rename through the mount
    /// replaces the remembered absence at once; a name created behind the mount's back (another
    /// client of the same bucket) may stay invisible here for up to this long.
    /// </summary>
    public TimeSpan NegativeEntryTimeout { get; init; }

    /// <summary>Let the kernel buffer writes (FUSE writeback cache); the filesystem then sees larger, later writes.</summary>
    public bool WritebackCache { get; init; }
}
