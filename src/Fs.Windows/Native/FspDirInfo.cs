using System.Runtime.InteropServices;

namespace GatewayFs.Fs.Windows.Native;

/// <summary>
/// The fixed part of FSP_FSCTL_DIR_INFO (winfsp/fsctl.h, 104 bytes); the UTF-16 name follows
/// it directly and <see cref="Size"/> counts both.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct FspDirInfo
{
    public ushort Size;
    public FspFileInfo FileInfo;
    public ulong NextOffset; // union with 24 bytes of padding
    public ulong Padding1;
    public ulong Padding2;
}
