using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace GatewayFs.Fs.Windows.Native;

internal static unsafe partial class Callbacks
{
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Create(nint fs, char* fileName, uint createOptions, uint grantedAccess, uint fileAttributes,
        void* securityDescriptor, ulong allocationSize, nint* fileContext, FspFileInfo* info)
    {
        try
        {
            var s = StateOf(fs);
            var r = Wait(s.Ops.CreateAsync(new string(fileName), createOptions, grantedAccess, fileAttributes, s.Ct));
            return Opened(s, r, fileContext, info);
        }
        catch (Exception ex)
        {
            return Fault(fs, ex);
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Open(nint fs, char* fileName, uint createOptions, uint grantedAccess, nint* fileContext, FspFileInfo* info)
    {
        try
        {
            var s = StateOf(fs);
            var r = Wait(s.Ops.OpenAsync(new string(fileName), createOptions, grantedAccess, s.Ct));
            return Opened(s, r, fileContext, info);
        }
        catch (Exception ex)
        {
            return Fault(fs, ex);
        }
    }

    private static int Opened(MountState s, OpenResult r, nint* fileContext, FspFileInfo* info)
    {
        if (r.Status != NtStatus.Success || r.File is null) return r.Status;
        *fileContext = s.AddFile(r.File);
        *info = r.Info;
        return NtStatus.Success;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Overwrite(nint fs, nint ctx, uint fileAttributes, byte replaceAttributes, ulong allocationSize, FspFileInfo* info)
    {
        try
        {
            var s = StateOf(fs);
            var r = Wait(s.Ops.OverwriteAsync(MountState.FileOf(ctx), fileAttributes, replaceAttributes != 0, s.Ct));
            if (r.Status == NtStatus.Success) *info = r.Info;
            return r.Status;
        }
        catch (Exception ex)
        {
            return Fault(fs, ex);
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Cleanup(nint fs, nint ctx, char* fileName, uint flags)
    {
        try
        {
            var s = StateOf(fs);
            Wait(s.Ops.CleanupAsync(MountState.FileOf(ctx), Str(fileName), flags, s.Ct));
        }
        catch (Exception ex)
        {
            Fault(fs, ex);
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Close(nint fs, nint ctx)
    {
        try
        {
            var s = StateOf(fs);
            try
            {
                Wait(s.Ops.CloseAsync(MountState.FileOf(ctx), s.Ct));
            }
            finally
            {
                s.FreeFile(ctx);
            }
        }
        catch (Exception ex)
        {
            Fault(fs, ex);
        }
    }
}
