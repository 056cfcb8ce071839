namespace GatewayFs.Fs;

/// <summary>statfs(2) results.</summary>
public struct FsStats
{
    /// <summary>Block size for the counts below.</summary>
    public uint BlockSize;
    /// <summary>Total blocks.</summary>
    public ulong Blocks;
    /// <summary>Free blocks.</summary>
    public ulong BlocksFree;
    /// <summary>Free blocks for unprivileged users.</summary>
    public ulong BlocksAvailable;
    /// <summary>Total inodes.</summary>
    public ulong Files;
    /// <summary>Free inodes.</summary>
    public ulong FilesFree;
    /// <summary>Longest file name in bytes.</summary>
    public uint NameMax;
}
