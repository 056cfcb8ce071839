using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace GatewayFs.Fs.Windows.Native;

internal static unsafe partial class Callbacks
{
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Flush(nint fs, nint ctx, FspFileInfo* info)
    {
        try
        {
            var s = StateOf(fs);
            var r = Wait(s.Ops.FlushAsync(ctx == 0 ? null : MountState.FileOf(ctx), s.Ct));
            if (r.Status == NtStatus.Success && ctx != 0) *info = r.Info;
            return r.Status;
        }
        catch (Exception ex)
        {
            return Fault(fs, ex);
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int GetFileInfo(nint fs, nint ctx, FspFileInfo* info)
    {
        try
        {
            var s = StateOf(fs);
            return Answer(Wait(s.Ops.GetFileInfoAsync(MountState.FileOf(ctx), s.Ct)), info);
        }
        catch (Exception ex)
        {
            return Fault(fs, ex);
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int SetBasicInfo(nint fs, nint ctx, uint fileAttributes, ulong creationTime, ulong lastAccessTime,
        ulong lastWriteTime, ulong changeTime, FspFileInfo* info)
    {
        try
        {
            var s = StateOf(fs);
            return Answer(Wait(s.Ops.SetBasicInfoAsync(MountState.FileOf(ctx), fileAttributes, creationTime,
                lastAccessTime, lastWriteTime, changeTime, s.Ct)), info);
        }
        catch (Exception ex)
        {
            return Fault(fs, ex);
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int SetFileSize(nint fs, nint ctx, ulong newSize, byte setAllocationSize, FspFileInfo* info)
    {
        try
        {
            var s = StateOf(fs);
            return Answer(Wait(s.Ops.SetFileSizeAsync(MountState.FileOf(ctx), newSize, setAllocationSize != 0, s.Ct)), info);
        }
        catch (Exception ex)
        {
            return Fault(fs, ex);
        }
    }

    private static int Answer(InfoResult r, FspFileInfo* info)
    {
        if (r.Status == NtStatus.Success) *info = r.Info;
        return r.Status;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int CanDelete(nint fs, nint ctx, char* fileName)
    {
        try
        {
            var s = StateOf(fs);
            return Wait(s.Ops.CanDeleteAsync(MountState.FileOf(ctx), s.Ct));
        }
        catch (Exception ex)
        {
            return Fault(fs, ex);
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Rename(nint fs, nint ctx, char* fileName, char* newFileName, byte replaceIfExists)
    {
        try
        {
            var s = StateOf(fs);
            return Wait(s.Ops.RenameAsync(new string(fileName), new string(newFileName), replaceIfExists != 0, s.Ct));
        }
        catch (Exception ex)
        {
            return Fault(fs, ex);
        }
    }
}
