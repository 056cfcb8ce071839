using GatewayFs.Fs;

namespace GatewayFs.TestKit.InMemory;

/// <summary>Limits and kernel hints of an <see cref="InMemoryFileSystem"/>.</summary>
public sealed record InMemoryOptions
{
    /// <summary>Bytes of file data the filesystem may hold (statfs total; writes past it get ENOSPC).</summary>
    public long Capacity { get; init; } = 64L << 30;

    /// <summary>Most nodes alive at once (statfs files; creates past it get ENOSPC).</summary>
    public long MaxNodes { get; init; } = 1 << 24;

    /// <summary>Largest file size; writes and truncates past it get EFBIG.</summary>
    public long MaxFileSize { get; init; } = 1L << 50;

    /// <summary>Longest name in bytes.</summary>
    public int NameMax { get; init; } = 255;

    /// <summary>How long the kernel may cache attributes.</summary>
    public TimeSpan AttrTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long the kernel may cache name lookups.</summary>
    public TimeSpan EntryTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long the kernel may remember that a name does not exist (zero: not at all).</summary>
    public TimeSpan NegativeEntryTimeout { get; init; }

    /// <summary>Tell the adapter to use the FUSE writeback cache.</summary>
    public bool WritebackCache { get; init; }

    /// <summary>Set keep_cache on open: the kernel may keep pages of earlier opens (nobody else changes the data).</summary>
    public bool KeepCache { get; init; } = true;

    /// <summary>Owner of the root directory.</summary>
    public uint RootUid { get; init; }

    /// <summary>Group of the root directory.</summary>
    public uint RootGid { get; init; }

    /// <summary>Permission bits of the root directory.</summary>
    public uint RootMode { get; init; } = 0x1ED; // 0755

    internal FsInfo ToInfo() => new()
    {
        Name = "gatewayfs:memory",
        Subtype = "gatewayfs",
        NameMax = NameMax,
        WritebackCache = WritebackCache,
        NegativeEntryTimeout = NegativeEntryTimeout,
    };
}
