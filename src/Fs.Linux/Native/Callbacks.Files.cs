using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace GatewayFs.Fs.Linux.Native;

internal static unsafe partial class Callbacks
{
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Open(nint req, ulong node, FuseFileInfo* fi)
    {
        try { FuseSession.Current.Open(new FuseRequest(req), node, fi->Flags); }
        catch (Exception e) { FuseSession.Escaped(req, e); }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Create(nint req, ulong parent, byte* name, uint mode, FuseFileInfo* fi)
    {
        try { FuseSession.Current.Create(new FuseRequest(req), parent, Utf8Z.DecodeName(name), mode, fi->Flags); }
        catch (Exception e) { FuseSession.Escaped(req, e); }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Read(nint req, ulong node, nuint size, long offset, FuseFileInfo* fi)
    {
        try { FuseSession.Current.Read(new FuseRequest(req), node, fi->Fh, offset, (int)Math.Min(size, int.MaxValue)); }
        catch (Exception e) { FuseSession.Escaped(req, e); }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Write(nint req, ulong node, byte* data, nuint size, long offset, FuseFileInfo* fi)
    {
        try { FuseSession.Current.Write(new FuseRequest(req), node, fi->Fh, offset, data, (int)Math.Min(size, int.MaxValue)); }
        catch (Exception e) { FuseSession.Escaped(req, e); }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Flush(nint req, ulong node, FuseFileInfo* fi)
    {
        try { FuseSession.Current.Flush(new FuseRequest(req), node, fi->Fh); }
        catch (Exception e) { FuseSession.Escaped(req, e); }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Fsync(nint req, ulong node, int dataOnly, FuseFileInfo* fi)
    {
        try { FuseSession.Current.Fsync(new FuseRequest(req), node, fi->Fh, dataOnly != 0); }
        catch (Exception e) { FuseSession.Escaped(req, e); }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Release(nint req, ulong node, FuseFileInfo* fi)
    {
        try { FuseSession.Current.Release(new FuseRequest(req), node, fi->Fh); }
        catch (Exception e) { FuseSession.Escaped(req, e); }
    }
}
