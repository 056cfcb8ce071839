namespace GatewayFs.Fs;

/// <summary>
/// A node handed to the kernel by lookup, create, mkdir, symlink or readdir-plus. Each one
/// the kernel receives adds one to the node's lookup count, which <c>Forget</c> later removes.
/// </summary>
public struct FsEntry
{
    /// <summary>Node id; 1 is the root.</summary>
    public ulong NodeId;
    /// <summary>Generation, so a reused node id is never confused with an old one.</summary>
    public ulong Generation;
    /// <summary>Attributes of the node.</summary>
    public FileAttr Attr;
    /// <summary>How long the kernel may cache <see cref="Attr"/>.</summary>
    public TimeSpan AttrTimeout;
    /// <summary>How long the kernel may cache the name-to-node binding.</summary>
    public TimeSpan EntryTimeout;
}
