using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace GatewayFs.Fs.Windows.Native;

internal static unsafe partial class Callbacks
{
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int ReadDirectory(nint fs, nint ctx, char* pattern, char* marker, void* buffer, uint length, uint* bytesTransferred)
    {
        NativeDirInfoSink? sink = null;
        try
        {
            var s = StateOf(fs);
            sink = new NativeDirInfoSink(buffer, length);
            var op = s.Ops.ReadDirectoryAsync(MountState.FileOf(ctx), Str(pattern), Str(marker), sink, s.Ct);
            if (op.IsCompletedSuccessfully)
            {
                *bytesTransferred = sink.BytesTransferred;
                return op.Result;
            }
            _ = LateAnswers.DirectoryAsync(s, op, sink, CurrentHint(s));
            sink = null; // now owned by the late answer
            return NtStatus.Pending;
        }
        catch (Exception ex)
        {
            return Fault(fs, ex);
        }
        finally
        {
            sink?.Dispose();
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int GetReparsePoint(nint fs, nint ctx, char* fileName, void* buffer, nuint* size)
    {
        try
        {
            var s = StateOf(fs);
            var r = Wait(s.Ops.GetReparsePointAsync(MountState.FileOf(ctx), s.Ct));
            return r.Status == NtStatus.Success ? CopyReparse(r.Target!, buffer, size) : r.Status;
        }
        catch (Exception ex)
        {
            return Fault(fs, ex);
        }
    }

    /// <summary>Lets WinFsp's resolver walk symlinks with our lookups (see GetReparsePointByName).</summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int ResolveReparsePoints(nint fs, char* fileName, uint reparsePointIndex, byte resolveLastPathComponent,
        void* ioStatus, void* buffer, nuint* size)
    {
        try
        {
            return WinFspApi.FspFileSystemResolveReparsePoints(fs, &GetReparsePointByName, null, fileName,
                reparsePointIndex, resolveLastPathComponent, ioStatus, buffer, size);
        }
        catch (Exception ex)
        {
            return Fault(fs, ex);
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int GetReparsePointByName(nint fs, void* context, char* fileName, byte isDirectory, void* buffer, nuint* size)
    {
        try
        {
            var s = StateOf(fs);
            var r = Wait(s.Ops.GetReparsePointByNameAsync(new string(fileName), s.Ct));
            if (r.Status != NtStatus.Success) return r.Status;
            return buffer == null ? NtStatus.Success : CopyReparse(r.Target!, buffer, size);
        }
        catch (Exception ex)
        {
            return Fault(fs, ex);
        }
    }

    private static int CopyReparse(string target, void* buffer, nuint* size)
    {
        int written = ReparseData.WriteSymlink(target, new Span<byte>(buffer, (int)Math.Min((ulong)*size, int.MaxValue)));
        if (written < 0) return NtStatus.BufferTooSmall;
        *size = (nuint)written;
        return NtStatus.Success;
    }
}
