using System.Runtime.InteropServices;

namespace GatewayFs.Fs.Linux.Native;

/// <summary>
/// <c>struct fuse_file_info</c> (libfuse 3.14), 40 bytes: flags 0, a bitfield word at 4, fh 16,
/// lock_owner 24, poll_events 32. Bits of the word (gcc): writepage 0x1, direct_io 0x2,
/// keep_cache 0x4, flush 0x8, nonseekable 0x10, flock_release 0x20, cache_readdir 0x40, noflush 0x80.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct FuseFileInfo
{
    public const uint DirectIo = 0x2;
    public const uint KeepCache = 0x4;
    public const uint NonSeekable = 0x10;

    public int Flags;
    public uint Bits;
    private readonly uint _padding2;
    private readonly uint _padding3;
    public ulong Fh;
    public ulong LockOwner;
    public uint PollEvents;
    private readonly uint _padding4;
}
