using System.Runtime.InteropServices;

namespace GatewayFs.Fs.Windows;

/// <summary>
/// FSP_FSCTL_FILE_INFO (winfsp/fsctl.h, 72 bytes): what WinFsp caches about a file. Also the
/// platform-neutral result of every operation that answers with file information.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct FspFileInfo
{
    public uint FileAttributes;
    public uint ReparseTag;
    public ulong AllocationSize;
    public ulong FileSize;
    public ulong CreationTime;
    public ulong LastAccessTime;
    public ulong LastWriteTime;
    public ulong ChangeTime;
    public ulong IndexNumber;
    public uint HardLinks;
    public uint EaSize;
}
