using System.Runtime.InteropServices;

namespace GatewayFs.Fs.Linux.Native;

/// <summary><c>struct fuse_ctx</c>, 16 bytes: uid 0, gid 4, pid 8, umask 12.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct FuseCtx
{
    public uint Uid;
    public uint Gid;
    public int Pid;
    public uint Umask;
}
