using System.Runtime.InteropServices;

namespace GatewayFs.Fs.Linux.Native;

/// <summary><c>struct fuse_buf</c>, 40 bytes: size 0, flags 8, mem 16, fd 24, pos 32.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct FuseBuf
{
    public nuint Size;
    public int Flags;
    public byte* Mem;
    public int Fd;
    public long Pos;
}
