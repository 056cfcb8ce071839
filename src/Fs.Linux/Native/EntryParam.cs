using System.Runtime.InteropServices;

namespace GatewayFs.Fs.Linux.Native;

/// <summary><c>struct fuse_entry_param</c>, 176 bytes: ino 0, generation 8, attr 16, attr_timeout 160, entry_timeout 168.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct EntryParam
{
    public ulong Ino;
    public ulong Generation;
    public StatBuf Attr;
    public double AttrTimeout;
    public double EntryTimeout;
}
