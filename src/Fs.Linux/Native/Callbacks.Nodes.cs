using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace GatewayFs.Fs.Linux.Native;

internal static unsafe partial class Callbacks
{
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Lookup(nint req, ulong parent, byte* name)
    {
        try { FuseSession.Current.Lookup(new FuseRequest(req), parent, Utf8Z.DecodeName(name)); }
        catch (Exception e) { FuseSession.Escaped(req, e); }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void GetAttr(nint req, ulong node, FuseFileInfo* fi)
    {
        try { FuseSession.Current.GetAttr(new FuseRequest(req), node, Handle(fi)); }
        catch (Exception e) { FuseSession.Escaped(req, e); }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void SetAttr(nint req, ulong node, StatBuf* attr, int toSet, FuseFileInfo* fi)
    {
        try { FuseSession.Current.SetAttr(new FuseRequest(req), node, NativeConvert.ToSetAttr(attr, toSet), Handle(fi)); }
        catch (Exception e) { FuseSession.Escaped(req, e); }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void ReadLink(nint req, ulong node)
    {
        try { FuseSession.Current.ReadLink(new FuseRequest(req), node); }
        catch (Exception e) { FuseSession.Escaped(req, e); }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Mknod(nint req, ulong parent, byte* name, uint mode, ulong rdev)
    {
        try { FuseSession.Current.Mknod(new FuseRequest(req), parent, Utf8Z.DecodeName(name), mode); }
        catch (Exception e) { FuseSession.Escaped(req, e); }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Mkdir(nint req, ulong parent, byte* name, uint mode)
    {
        try { FuseSession.Current.Mkdir(new FuseRequest(req), parent, Utf8Z.DecodeName(name), mode); }
        catch (Exception e) { FuseSession.Escaped(req, e); }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Unlink(nint req, ulong parent, byte* name)
    {
        try { FuseSession.Current.Unlink(new FuseRequest(req), parent, Utf8Z.DecodeName(name)); }
        catch (Exception e) { FuseSession.Escaped(req, e); }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Rmdir(nint req, ulong parent, byte* name)
    {
        try { FuseSession.Current.Rmdir(new FuseRequest(req), parent, Utf8Z.DecodeName(name)); }
        catch (Exception e) { FuseSession.Escaped(req, e); }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Symlink(nint req, byte* target, ulong parent, byte* name)
    {
        try { FuseSession.Current.Symlink(new FuseRequest(req), Utf8Z.DecodeName(target), parent, Utf8Z.DecodeName(name)); }
        catch (Exception e) { FuseSession.Escaped(req, e); }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Rename(nint req, ulong parent, byte* name, ulong newParent, byte* newName, uint flags)
    {
        try { FuseSession.Current.Rename(new FuseRequest(req), parent, Utf8Z.DecodeName(name), newParent, Utf8Z.DecodeName(newName), flags); }
        catch (Exception e) { FuseSession.Escaped(req, e); }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Link(nint req, ulong node, ulong newParent, byte* newName)
    {
        try { FuseSession.Current.Link(new FuseRequest(req), node, newParent, Utf8Z.DecodeName(newName)); }
        catch (Exception e) { FuseSession.Escaped(req, e); }
    }
}
