using System.Runtime.InteropServices;

namespace GatewayFs.Fs.Linux.Native;

/// <summary>
/// <c>struct fuse_conn_info</c> (libfuse 3.14), 128 bytes: proto_major 0, proto_minor 4,
/// max_write 8, max_read 12, max_readahead 16, capable 20, want 24, max_background 28,
/// congestion_threshold 32, time_gran 36, 22 reserved words.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct ConnInfo
{
    public uint ProtoMajor;
    public uint ProtoMinor;
    public uint MaxWrite;
    public uint MaxRead;
    public uint MaxReadahead;
    public uint Capable;
    public uint Want;
    public uint MaxBackground;
    public uint CongestionThreshold;
    public uint TimeGran;
    private fixed uint _reserved[22];
}
