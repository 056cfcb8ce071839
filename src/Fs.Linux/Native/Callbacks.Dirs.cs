using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace GatewayFs.Fs.Linux.Native;

internal static unsafe partial class Callbacks
{
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OpenDir(nint req, ulong node, FuseFileInfo* fi)
    {
        try { FuseSession.Current.OpenDir(new FuseRequest(req), node); }
        catch (Exception e) { FuseSession.Escaped(req, e); }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void ReadDir(nint req, ulong node, nuint size, long offset, FuseFileInfo* fi)
    {
        try { FuseSession.Current.ReadDir(new FuseRequest(req), node, fi->Fh, offset, (int)Math.Min(size, int.MaxValue), plus: false); }
        catch (Exception e) { FuseSession.Escaped(req, e); }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void ReadDirPlus(nint req, ulong node, nuint size, long offset, FuseFileInfo* fi)
    {
        try { FuseSession.Current.ReadDir(new FuseRequest(req), node, fi->Fh, offset, (int)Math.Min(size, int.MaxValue), plus: true); }
        catch (Exception e) { FuseSession.Escaped(req, e); }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void ReleaseDir(nint req, ulong node, FuseFileInfo* fi)
    {
        try { FuseSession.Current.ReleaseDir(new FuseRequest(req), node, fi->Fh); }
        catch (Exception e) { FuseSession.Escaped(req, e); }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void StatFs(nint req, ulong node)
    {
        try { FuseSession.Current.StatFs(new FuseRequest(req), node); }
        catch (Exception e) { FuseSession.Escaped(req, e); }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void SetXattr(nint req, ulong node, byte* name, byte* value, nuint size, int flags)
    {
        try { FuseSession.Current.SetXattr(new FuseRequest(req), node, Utf8Z.DecodeXattrName(name), new ReadOnlySpan<byte>(value, (int)size).ToArray(), flags); }
        catch (Exception e) { FuseSession.Escaped(req, e); }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void GetXattr(nint req, ulong node, byte* name, nuint size)
    {
        try { FuseSession.Current.GetXattr(new FuseRequest(req), node, Utf8Z.DecodeXattrName(name), (int)Math.Min(size, int.MaxValue)); }
        catch (Exception e) { FuseSession.Escaped(req, e); }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void ListXattr(nint req, ulong node, nuint size)
    {
        try { FuseSession.Current.ListXattr(new FuseRequest(req), node, (int)Math.Min(size, int.MaxValue)); }
        catch (Exception e) { FuseSession.Escaped(req, e); }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void RemoveXattr(nint req, ulong node, byte* name)
    {
        try { FuseSession.Current.RemoveXattr(new FuseRequest(req), node, Utf8Z.DecodeXattrName(name)); }
        catch (Exception e) { FuseSession.Escaped(req, e); }
    }
}
