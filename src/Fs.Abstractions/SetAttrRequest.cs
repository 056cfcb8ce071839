namespace GatewayFs.Fs;

/// <summary>Which fields of a <see cref="SetAttrRequest"/> are set.</summary>
[Flags]
public enum SetAttrFields
{
    /// <summary>Nothing.</summary>
    None = 0,
    /// <summary>Permission bits (chmod).</summary>
    Mode = 1 << 0,
    /// <summary>Owner (chown).</summary>
    Uid = 1 << 1,
    /// <summary>Group (chown).</summary>
    Gid = 1 << 2,
    /// <summary>Size (truncate).</summary>
    Size = 1 << 3,
    /// <summary>Access time given in <see cref="SetAttrRequest.Atime"/>.</summary>
    Atime = 1 << 4,
    /// <summary>Modification time given in <see cref="SetAttrRequest.Mtime"/>.</summary>
    Mtime = 1 << 5,
    /// <summary>Access time set to now.</summary>
    AtimeNow = 1 << 6,
    /// <summary>Modification time set to now.</summary>
    MtimeNow = 1 << 7,
    /// <summary>Status change time given in <see cref="SetAttrRequest.Ctime"/>.</summary>
    Ctime = 1 << 8,
}

/// <summary>A setattr call: chmod, chown, truncate and utimes in one.</summary>
public struct SetAttrRequest
{
    /// <summary>Which fields are set.</summary>
    public SetAttrFields Fields;
    /// <summary>New permission bits (type bits ignored).</summary>
    public uint Mode;
    /// <summary>New owner.</summary>
    public uint Uid;
    /// <summary>New group.</summary>
    public uint Gid;
    /// <summary>New size.</summary>
    public long Size;
    /// <summary>New access time.</summary>
    public FsTime Atime;
    /// <summary>New modification time.</summary>
    public FsTime Mtime;
    /// <summary>New status change time.</summary>
    public FsTime Ctime;

    /// <summary>True when <paramref name="field"/> is set.</summary>
    public readonly bool Has(SetAttrFields field) => (Fields & field) != 0;
}
