using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace GatewayFs.Fs.Linux.Native;

/// <summary>
/// The entry points libfuse calls, one per low-level operation. Each runs on the receive
/// thread that read the request, converts the native arguments, and hands over to the
/// session; nothing here throws back into libfuse.
/// </summary>
internal static unsafe partial class Callbacks
{
    /// <summary>Fills the operation table. Unset slots (access, locks, ioctl, fallocate, …) answer ENOSYS.</summary>
    public static void Fill(LowLevelOps* ops)
    {
        ops->Init = (nint)(delegate* unmanaged[Cdecl]<nint, ConnInfo*, void>)&Init;
        ops->Lookup = (nint)(delegate* unmanaged[Cdecl]<nint, ulong, byte*, void>)&Lookup;
        ops->Forget = (nint)(delegate* unmanaged[Cdecl]<nint, ulong, ulong, void>)&Forget;
        ops->ForgetMulti = (nint)(delegate* unmanaged[Cdecl]<nint, nuint, ForgetData*, void>)&ForgetMulti;
        ops->GetAttr = (nint)(delegate* unmanaged[Cdecl]<nint, ulong, FuseFileInfo*, void>)&GetAttr;
        ops->SetAttr = (nint)(delegate* unmanaged[Cdecl]<nint, ulong, StatBuf*, int, FuseFileInfo*, void>)&SetAttr;
        ops->ReadLink = (nint)(delegate* unmanaged[Cdecl]<nint, ulong, void>)&ReadLink;
        ops->Mknod = (nint)(delegate* unmanaged[Cdecl]<nint, ulong, byte*, uint, ulong, void>)&Mknod;
        ops->Mkdir = (nint)(delegate* unmanaged[Cdecl]<nint, ulong, byte*, uint, void>)&Mkdir;
        ops->Unlink = (nint)(delegate* unmanaged[Cdecl]<nint, ulong, byte*, void>)&Unlink;
        ops->Rmdir = (nint)(delegate* unmanaged[Cdecl]<nint, ulong, byte*, void>)&Rmdir;
        ops->Symlink = (nint)(delegate* unmanaged[Cdecl]<nint, byte*, ulong, byte*, void>)&Symlink;
        ops->Rename = (nint)(delegate* unmanaged[Cdecl]<nint, ulong, byte*, ulong, byte*, uint, void>)&Rename;
        ops->Link = (nint)(delegate* unmanaged[Cdecl]<nint, ulong, ulong, byte*, void>)&Link;
        ops->Open = (nint)(delegate* unmanaged[Cdecl]<nint, ulong, FuseFileInfo*, void>)&Open;
        ops->Create = (nint)(delegate* unmanaged[Cdecl]<nint, ulong, byte*, uint, FuseFileInfo*, void>)&Create;
        ops->Read = (nint)(delegate* unmanaged[Cdecl]<nint, ulong, nuint, long, FuseFileInfo*, void>)&Read;
        ops->Write = (nint)(delegate* unmanaged[Cdecl]<nint, ulong, byte*, nuint, long, FuseFileInfo*, void>)&Write;
        ops->Flush = (nint)(delegate* unmanaged[Cdecl]<nint, ulong, FuseFileInfo*, void>)&Flush;
        ops->Release = (nint)(delegate* unmanaged[Cdecl]<nint, ulong, FuseFileInfo*, void>)&Release;
        ops->Fsync = (nint)(delegate* unmanaged[Cdecl]<nint, ulong, int, FuseFileInfo*, void>)&Fsync;
        ops->OpenDir = (nint)(delegate* unmanaged[Cdecl]<nint, ulong, FuseFileInfo*, void>)&OpenDir;
        ops->ReadDir = (nint)(delegate* unmanaged[Cdecl]<nint, ulong, nuint, long, FuseFileInfo*, void>)&ReadDir;
        ops->ReadDirPlus = (nint)(delegate* unmanaged[Cdecl]<nint, ulong, nuint, long, FuseFileInfo*, void>)&ReadDirPlus;
        ops->ReleaseDir = (nint)(delegate* unmanaged[Cdecl]<nint, ulong, FuseFileInfo*, void>)&ReleaseDir;
        ops->StatFs = (nint)(delegate* unmanaged[Cdecl]<nint, ulong, void>)&StatFs;
        ops->SetXattr = (nint)(delegate* unmanaged[Cdecl]<nint, ulong, byte*, byte*, nuint, int, void>)&SetXattr;
        ops->GetXattr = (nint)(delegate* unmanaged[Cdecl]<nint, ulong, byte*, nuint, void>)&GetXattr;
        ops->ListXattr = (nint)(delegate* unmanaged[Cdecl]<nint, ulong, nuint, void>)&ListXattr;
        ops->RemoveXattr = (nint)(delegate* unmanaged[Cdecl]<nint, ulong, byte*, void>)&RemoveXattr;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Init(nint userdata, ConnInfo* conn)
    {
        try
        {
            FuseSession.Current.Negotiate(ref *conn);
        }
        catch (Exception e)
        {
            // Leaving conn as libfuse filled it is a valid (default) configuration.
            Console.Error.WriteLine($"gatewayfs: FUSE init failed: {e}");
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Forget(nint req, ulong node, ulong count)
    {
        try
        {
            FuseSession.Current.Forget(node, count);
            Libfuse.fuse_reply_none(req);
        }
        catch (Exception e)
        {
            FuseSession.Escaped(req, e, expectsReply: false);
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void ForgetMulti(nint req, nuint count, ForgetData* items)
    {
        try
        {
            var session = FuseSession.Current;
            for (nuint i = 0; i < count; i++) session.Forget(items[i].Ino, items[i].Nlookup);
            Libfuse.fuse_reply_none(req);
        }
        catch (Exception e)
        {
            FuseSession.Escaped(req, e, expectsReply: false);
        }
    }

    /// <summary>Asks libfuse to tell us when the kernel interrupts <paramref name="req"/> (at once if it already did).</summary>
    public static void RegisterInterrupt(nint req) =>
        Libfuse.fuse_req_interrupt_func(req, &Interrupted, 0);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Interrupted(nint req, nint data)
    {
        try
        {
            FuseSession.Current.OnInterrupt(req);
        }
        catch
        {
            // An interrupt is advisory; losing one only means the call runs to its end.
        }
    }

    private static ulong? Handle(FuseFileInfo* fi) => fi == null ? null : fi->Fh;
}
