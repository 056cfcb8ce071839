using System.Runtime.InteropServices;

namespace GatewayFs.Fs.Linux.Native;

/// <summary><c>struct fuse_args</c>, 24 bytes: argc 0, argv 8, allocated 16.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct FuseArgs
{
    public int Argc;
    public byte** Argv;
    public int Allocated;
}
