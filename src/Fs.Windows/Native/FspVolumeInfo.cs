using System.Runtime.InteropServices;

namespace GatewayFs.Fs.Windows.Native;

/// <summary>FSP_FSCTL_VOLUME_INFO (winfsp/fsctl.h, 88 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct FspVolumeInfo
{
    public ulong TotalSize;
    public ulong FreeSize;
    public ushort VolumeLabelLength; // bytes
    public fixed char VolumeLabel[32];
}
