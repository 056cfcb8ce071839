using GatewayFs.Fs;

namespace GatewayFs.Volumes.Cached;

/// <summary>One open file: its node, how it was opened, and its reader's read-ahead state.</summary>
internal sealed class FileHandle
{
    public FileHandle(Node node, OpenFlags flags)
    {
        Node = node;
        Flags = flags;
    }

    public Node Node { get; }
    public OpenFlags Flags { get; }
    public ReadAhead ReadAhead { get; } = new();
}
