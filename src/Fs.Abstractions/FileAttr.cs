namespace GatewayFs.Fs;

/// <summary>The attributes of one node, as stat(2) reports them.</summary>
public struct FileAttr
{
    /// <summary>Node id (st_ino).</summary>
    public ulong Ino;
    /// <summary>Size in bytes.</summary>
    public long Size;
    /// <summary>Allocated 512-byte blocks.</summary>
    public long Blocks;
    /// <summary>Last access.</summary>
    public FsTime Atime;
    /// <summary>Last data change.</summary>
    public FsTime Mtime;
    /// <summary>Last status change.</summary>
    public FsTime Ctime;
    /// <summary>Type and permission bits (st_mode).</summary>
    public uint Mode;
    /// <summary>Hard link count.</summary>
    public uint Nlink;
    /// <summary>Owner.</summary>
    public uint Uid;
    /// <summary>Group.</summary>
    public uint Gid;
    /// <summary>Device number for device nodes.</summary>
    public uint Rdev;
    /// <summary>Preferred I/O size.</summary>
    public uint BlockSize;
}
