namespace GatewayFs.Fs;

/// <summary>Platform-neutral open flags; adapters translate from O_* or CreateOptions.</summary>
[Flags]
public enum OpenFlags
{
    /// <summary>Open for reading only.</summary>
    ReadOnly = 0,
    /// <summary>Open for writing only.</summary>
    WriteOnly = 1,
    /// <summary>Open for reading and writing.</summary>
    ReadWrite = 2,
    /// <summary>Mask of the access mode.</summary>
    AccessMask = 3,
    /// <summary>Every write goes to the end of the file.</summary>
    Append = 1 << 4,
    /// <summary>Truncate to zero on open.</summary>
    Truncate = 1 << 5,
    /// <summary>Create when missing (only seen by create).</summary>
    Create = 1 << 6,
    /// <summary>Fail when it exists (only seen by create).</summary>
    Exclusive = 1 << 7,
    /// <summary>Bypass caches (O_DIRECT).</summary>
    Direct = 1 << 8,
    /// <summary>Every write is durable before it returns (O_SYNC/O_DSYNC).</summary>
    Sync = 1 << 9,
}

/// <summary>Helpers for <see cref="OpenFlags"/>.</summary>
public static class OpenFlagsExtensions
{
    /// <summary>True when the handle may write.</summary>
    public static bool CanWrite(this OpenFlags f) => (f & OpenFlags.AccessMask) != OpenFlags.ReadOnly;
    /// <summary>True when the handle may read.</summary>
    public static bool CanRead(this OpenFlags f) => (f & OpenFlags.AccessMask) != OpenFlags.WriteOnly;
}
