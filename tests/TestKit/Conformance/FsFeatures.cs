namespace GatewayFs.TestKit.Conformance;

/// <summary>Optional behaviour a target supports; a test of a missing feature checks the documented error instead.</summary>
[Flags]
public enum FsFeatures
{
    /// <summary>Nothing optional.</summary>
    None = 0,
    /// <summary>link(2) works (otherwise EOPNOTSUPP or EPERM).</summary>
    HardLinks = 1 << 0,
    /// <summary>Extended attributes in the user namespace.</summary>
    Xattrs = 1 << 1,
    /// <summary>renameat2 RENAME_EXCHANGE.</summary>
    RenameExchange = 1 << 2,
    /// <summary>statfs free space drops as data is written.</summary>
    SpaceAccounting = 1 << 3,
    /// <summary>chown keeps any uid and gid.</summary>
    Chown = 1 << 4,
    /// <summary>Holes take no space (st_blocks stays small for a sparse file).</summary>
    SparseFiles = 1 << 5,
    /// <summary>Names of 255 bytes (NAME_MAX); without it, statfs names the shorter limit and longer names fail with ENAMETOOLONG.</summary>
    LongNames = 1 << 6,
    /// <summary>Everything the in-memory reference does.</summary>
    All = HardLinks | Xattrs | RenameExchange | SpaceAccounting | Chown | SparseFiles | LongNames,
}
