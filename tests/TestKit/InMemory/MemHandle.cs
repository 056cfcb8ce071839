using GatewayFs.Fs;

namespace GatewayFs.TestKit.InMemory;

/// <summary>An open file or directory.</summary>
internal sealed class MemHandle(MemNode node, OpenFlags flags, bool isDirectory)
{
    public MemNode Node { get; } = node;
    public OpenFlags Flags { get; } = flags;
    public bool IsDirectory { get; } = isDirectory;
}
