using System.Runtime.InteropServices;

namespace GatewayFs.Fs.Linux.Native;

/// <summary>
/// <c>struct fuse_lowlevel_ops</c> of libfuse 3.14: 44 function pointers, 352 bytes, in header
/// order (gcc: init 0, lookup 16, create 240, readdirplus 328, lseek 344). A null slot makes
/// libfuse answer ENOSYS (or apply its default) for that operation.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct LowLevelOps
{
    public nint Init;
    public nint Destroy;
    public nint Lookup;
    public nint Forget;
    public nint GetAttr;
    public nint SetAttr;
    public nint ReadLink;
    public nint Mknod;
    public nint Mkdir;
    public nint Unlink;
    public nint Rmdir;
    public nint Symlink;
    public nint Rename;
    public nint Link;
    public nint Open;
    public nint Read;
    public nint Write;
    public nint Flush;
    public nint Release;
    public nint Fsync;
    public nint OpenDir;
    public nint ReadDir;
    public nint ReleaseDir;
    public nint FsyncDir;
    public nint StatFs;
    public nint SetXattr;
    public nint GetXattr;
    public nint ListXattr;
    public nint RemoveXattr;
    public nint Access;
    public nint Create;
    public nint GetLk;
    public nint SetLk;
    public nint Bmap;
    public nint Ioctl;
    public nint Poll;
    public nint WriteBuf;
    public nint RetrieveReply;
    public nint ForgetMulti;
    public nint Flock;
    public nint Fallocate;
    public nint ReadDirPlus;
    public nint CopyFileRange;
    public nint Lseek;
}
