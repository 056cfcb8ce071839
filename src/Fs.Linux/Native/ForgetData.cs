using System.Runtime.InteropServices;

namespace GatewayFs.Fs.Linux.Native;

/// <summary><c>struct fuse_forget_data</c>, 16 bytes: ino 0, nlookup 8.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct ForgetData
{
    public ulong Ino;
    public ulong Nlookup;
}
