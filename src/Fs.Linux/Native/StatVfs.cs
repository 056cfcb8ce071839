using System.Runtime.InteropServices;

namespace GatewayFs.Fs.Linux.Native;

/// <summary>
/// glibc <c>struct statvfs</c> on x86-64, 112 bytes: f_bsize 0, f_frsize 8, f_blocks 16,
/// f_bfree 24, f_bavail 32, f_files 40, f_ffree 48, f_favail 56, f_fsid 64, f_flag 72,
/// f_namemax 80, six spare ints from 88.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct StatVfs
{
    public ulong BlockSize;
    public ulong FragmentSize;
    public ulong Blocks;
    public ulong BlocksFree;
    public ulong BlocksAvailable;
    public ulong Files;
    public ulong FilesFree;
    public ulong FilesAvailable;
    public ulong FsId;
    public ulong Flags;
    public ulong NameMax;
    private fixed int _spare[6];
}
