using System.Runtime.InteropServices;

namespace GatewayFs.Fs.Linux.Native;

/// <summary>
/// glibc <c>struct stat</c> on x86-64, 144 bytes. Offsets (gcc offsetof, see
/// tests/Fs.Linux.Tests/Native/layout.c): st_dev 0, st_ino 8, st_nlink 16, st_mode 24,
/// st_uid 28, st_gid 32, st_rdev 40, st_size 48, st_blksize 56, st_blocks 64, st_atim 72,
/// st_mtim 88, st_ctim 104.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct StatBuf
{
    public ulong Dev;
    public ulong Ino;
    public ulong Nlink;
    public uint Mode;
    public uint Uid;
    public uint Gid;
    private readonly int _pad0;
    public ulong Rdev;
    public long Size;
    public long BlkSize;
    public long Blocks;
    public long AtimeSec;
    public long AtimeNsec;
    public long MtimeSec;
    public long MtimeNsec;
    public long CtimeSec;
    public long CtimeNsec;
    private readonly long _reserved0;
    private readonly long _reserved1;
    private readonly long _reserved2;
}
