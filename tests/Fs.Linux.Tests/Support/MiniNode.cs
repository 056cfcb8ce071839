using GatewayFs.Fs;

namespace GatewayFs.Tests.Fs.Linux.Support;

/// <summary>One node of <see cref="MiniFs"/>.</summary>
internal sealed class MiniNode
{
    public FileAttr Attr;
    public Dictionary<string, ulong>? Children;
    public byte[] Data = [];
    public string? Target;
    public Func<long, int, byte>? Generator; // content computed from the offset, for big files
    public readonly Dictionary<string, byte[]> Xattrs = new(StringComparer.Ordinal);
    public ulong Lookups;

    public bool IsDir => Children is not null;
}
