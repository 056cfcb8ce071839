using System.Runtime.InteropServices;

namespace GatewayFs.Fs.Linux.Native;

/// <summary>
/// The parts of libfuse3's low-level API we call. Only this folder touches native pointers;
/// the rest of the adapter sees <see cref="FuseRequest"/> and managed types.
/// </summary>
internal static unsafe partial class Libfuse
{
    /// <summary>The soname we bind (libfuse 3.x keeps ABI 3).</summary>
    public const string Library = "libfuse3.so.3";

    // fuse_conn_info.capable/want bits (fuse_common.h).
    public const uint CapAsyncRead = 1 << 0;
    public const uint CapAtomicOTrunc = 1 << 3;
    public const uint CapSpliceWrite = 1 << 7;
    public const uint CapSpliceMove = 1 << 8;
    public const uint CapSpliceRead = 1 << 9;
    public const uint CapReaddirPlus = 1 << 13;
    public const uint CapReaddirPlusAuto = 1 << 14;
    public const uint CapWritebackCache = 1 << 16;
    public const uint CapHandleKillpriv = 1 << 20;

    // to_set bits of setattr (fuse_lowlevel.h).
    public const int SetMode = 1 << 0;
    public const int SetUid = 1 << 1;
    public const int SetGid = 1 << 2;
    public const int SetSize = 1 << 3;
    public const int SetAtime = 1 << 4;
    public const int SetMtime = 1 << 5;
    public const int SetAtimeNow = 1 << 7;
    public const int SetMtimeNow = 1 << 8;
    public const int SetCtime = 1 << 10;

    [LibraryImport(Library)]
    public static partial nint fuse_session_new(FuseArgs* args, LowLevelOps* ops, nuint opSize, nint userdata);

    [LibraryImport(Library)]
    public static partial int fuse_session_mount(nint se, byte* mountpoint);

    [LibraryImport(Library)]
    public static partial void fuse_session_unmount(nint se);

    [LibraryImport(Library)]
    public static partial void fuse_session_destroy(nint se);

    [LibraryImport(Library)]
    public static partial void fuse_session_exit(nint se);

    [LibraryImport(Library)]
    public static partial int fuse_session_exited(nint se);

    [LibraryImport(Library)]
    public static partial int fuse_session_receive_buf(nint se, FuseBuf* buf);

    [LibraryImport(Library)]
    public static partial void fuse_session_process_buf(nint se, FuseBuf* buf);

    [LibraryImport(Library)]
    public static partial void fuse_opt_free_args(FuseArgs* args);

    [LibraryImport(Library)]
    public static partial void fuse_set_log_func(delegate* unmanaged[Cdecl]<int, byte*, nint, void> func);

    [LibraryImport(Library)]
    public static partial FuseCtx* fuse_req_ctx(nint req);

    [LibraryImport(Library)]
    public static partial void fuse_req_interrupt_func(nint req, delegate* unmanaged[Cdecl]<nint, nint, void> func, nint data);

    [LibraryImport(Library)]
    public static partial int fuse_reply_err(nint req, int err);

    [LibraryImport(Library)]
    public static partial void fuse_reply_none(nint req);

    [LibraryImport(Library)]
    public static partial int fuse_reply_entry(nint req, EntryParam* e);

    [LibraryImport(Library)]
    public static partial int fuse_reply_create(nint req, EntryParam* e, FuseFileInfo* fi);

    [LibraryImport(Library)]
    public static partial int fuse_reply_attr(nint req, StatBuf* attr, double attrTimeout);

    [LibraryImport(Library)]
    public static partial int fuse_reply_readlink(nint req, byte* link);

    [LibraryImport(Library)]
    public static partial int fuse_reply_open(nint req, FuseFileInfo* fi);

    [LibraryImport(Library)]
    public static partial int fuse_reply_write(nint req, nuint count);

    [LibraryImport(Library)]
    public static partial int fuse_reply_buf(nint req, byte* buf, nuint size);

    [LibraryImport(Library)]
    public static partial int fuse_reply_statfs(nint req, StatVfs* stbuf);

    [LibraryImport(Library)]
    public static partial int fuse_reply_xattr(nint req, nuint count);

    [LibraryImport(Library)]
    public static partial nuint fuse_add_direntry(nint req, byte* buf, nuint bufsize, byte* name, StatBuf* stbuf, long off);

    [LibraryImport(Library)]
    public static partial nuint fuse_add_direntry_plus(nint req, byte* buf, nuint bufsize, byte* name, EntryParam* e, long off);
}
