using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using GatewayFs.Fs.Linux.Native;
using GatewayFs.Tests.Fs.Linux.Support;
using Xunit;

namespace GatewayFs.Tests.Fs.Linux;

/// <summary>The C# mirrors of libfuse's and glibc's structs match what gcc says about the installed headers.</summary>
public class LayoutTests
{
    private static readonly Lazy<Dictionary<string, long>> CLayout = new(Compile);

    private static Dictionary<string, long> Compile()
    {
        string src = Path.Combine(AppContext.BaseDirectory, "Native", "layout.c");
        string exe = Path.Combine(Path.GetTempPath(), $"gatewayfs-layout-{Environment.ProcessId}");
        try
        {
            Run.Ok("gcc", "-Wall", "-I/usr/include/fuse3", "-o", exe, src);
            return Run.Ok(exe).Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(l => l.Split(' '))
                .ToDictionary(p => p[0], p => Convert.ToInt64(p[1], p[1].StartsWith("0x") ? 16 : 10));
        }
        finally
        {
            File.Delete(exe);
        }
    }

    public static TheoryData<string, int> Sizes() => new()
    {
        { "stat", Unsafe.SizeOf<StatBuf>() },
        { "statvfs", Unsafe.SizeOf<StatVfs>() },
        { "fuse_entry_param", Unsafe.SizeOf<EntryParam>() },
        { "fuse_file_info", Unsafe.SizeOf<FuseFileInfo>() },
        { "fuse_conn_info", Unsafe.SizeOf<ConnInfo>() },
        { "fuse_buf", Unsafe.SizeOf<FuseBuf>() },
        { "fuse_args", Unsafe.SizeOf<FuseArgs>() },
        { "fuse_ctx", Unsafe.SizeOf<FuseCtx>() },
        { "fuse_forget_data", Unsafe.SizeOf<ForgetData>() },
        { "fuse_lowlevel_ops", Unsafe.SizeOf<LowLevelOps>() },
    };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Struct_sizes_match_gcc(string cName, int managedSize) =>
        Assert.Equal(CLayout.Value[$"sizeof.{cName}"], managedSize);

    public static TheoryData<string, Type, string> Offsets() => new()
    {
        { "stat.st_ino", typeof(StatBuf), nameof(StatBuf.Ino) },
        { "stat.st_nlink", typeof(StatBuf), nameof(StatBuf.Nlink) },
        { "stat.st_mode", typeof(StatBuf), nameof(StatBuf.Mode) },
        { "stat.st_uid", typeof(StatBuf), nameof(StatBuf.Uid) },
        { "stat.st_gid", typeof(StatBuf), nameof(StatBuf.Gid) },
        { "stat.st_rdev", typeof(StatBuf), nameof(StatBuf.Rdev) },
        { "stat.st_size", typeof(StatBuf), nameof(StatBuf.Size) },
        { "stat.st_blksize", typeof(StatBuf), nameof(StatBuf.BlkSize) },
        { "stat.st_blocks", typeof(StatBuf), nameof(StatBuf.Blocks) },
        { "stat.st_atim", typeof(StatBuf), nameof(StatBuf.AtimeSec) },
        { "stat.st_mtim", typeof(StatBuf), nameof(StatBuf.MtimeSec) },
        { "stat.st_ctim", typeof(StatBuf), nameof(StatBuf.CtimeSec) },
        { "statvfs.f_blocks", typeof(StatVfs), nameof(StatVfs.Blocks) },
        { "statvfs.f_ffree", typeof(StatVfs), nameof(StatVfs.FilesFree) },
        { "statvfs.f_namemax", typeof(StatVfs), nameof(StatVfs.NameMax) },
        { "fuse_entry_param.attr", typeof(EntryParam), nameof(EntryParam.Attr) },
        { "fuse_entry_param.attr_timeout", typeof(EntryParam), nameof(EntryParam.AttrTimeout) },
        { "fuse_entry_param.entry_timeout", typeof(EntryParam), nameof(EntryParam.EntryTimeout) },
        { "fuse_file_info.fh", typeof(FuseFileInfo), nameof(FuseFileInfo.Fh) },
        { "fuse_file_info.lock_owner", typeof(FuseFileInfo), nameof(FuseFileInfo.LockOwner) },
        { "fuse_conn_info.max_write", typeof(ConnInfo), nameof(ConnInfo.MaxWrite) },
        { "fuse_conn_info.max_read", typeof(ConnInfo), nameof(ConnInfo.MaxRead) },
        { "fuse_conn_info.want", typeof(ConnInfo), nameof(ConnInfo.Want) },
        { "fuse_conn_info.max_background", typeof(ConnInfo), nameof(ConnInfo.MaxBackground) },
        { "fuse_conn_info.time_gran", typeof(ConnInfo), nameof(ConnInfo.TimeGran) },
        { "fuse_buf.mem", typeof(FuseBuf), nameof(FuseBuf.Mem) },
        { "fuse_buf.fd", typeof(FuseBuf), nameof(FuseBuf.Fd) },
        { "fuse_args.allocated", typeof(FuseArgs), nameof(FuseArgs.Allocated) },
        { "fuse_ctx.umask", typeof(FuseCtx), nameof(FuseCtx.Umask) },
        { "fuse_lowlevel_ops.lookup", typeof(LowLevelOps), nameof(LowLevelOps.Lookup) },
        { "fuse_lowlevel_ops.create", typeof(LowLevelOps), nameof(LowLevelOps.Create) },
        { "fuse_lowlevel_ops.readdirplus", typeof(LowLevelOps), nameof(LowLevelOps.ReadDirPlus) },
        { "fuse_lowlevel_ops.lseek", typeof(LowLevelOps), nameof(LowLevelOps.Lseek) },
    };

    [Theory]
    [MemberData(nameof(Offsets))]
    public void Field_offsets_match_gcc(string cField, Type type, string field) =>
        Assert.Equal(CLayout.Value[$"offsetof.{cField}"], (long)Marshal.OffsetOf(type, field));

    [Fact]
    public void File_info_flag_bits_match_gcc()
    {
        Assert.Equal(FuseFileInfo.DirectIo, (uint)CLayout.Value["bit.fuse_file_info.direct_io"]);
        Assert.Equal(FuseFileInfo.KeepCache, (uint)CLayout.Value["bit.fuse_file_info.keep_cache"]);
        Assert.Equal(FuseFileInfo.NonSeekable, (uint)CLayout.Value["bit.fuse_file_info.nonseekable"]);
        Assert.Equal(4, (int)Marshal.OffsetOf<FuseFileInfo>(nameof(FuseFileInfo.Bits)));
    }
}
