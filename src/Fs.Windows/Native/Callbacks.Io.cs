using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace GatewayFs.Fs.Windows.Native;

internal static unsafe partial class Callbacks
{
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Read(nint fs, nint ctx, void* buffer, ulong offset, uint length, uint* bytesTransferred)
    {
        try
        {
            var s = StateOf(fs);
            var memory = new UnmanagedMemory(buffer, checked((int)length)).Memory;
            var op = s.Ops.ReadAsync(MountState.FileOf(ctx), memory, offset, s.Ct);
            if (op.IsCompletedSuccessfully)
            {
                *bytesTransferred = op.Result.Bytes;
                return op.Result.Status;
            }
            _ = LateAnswers.IoAsync(s, op, TransactKind.Read, CurrentHint(s));
            return NtStatus.Pending;
        }
        catch (Exception ex)
        {
            return Fault(fs, ex);
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Write(nint fs, nint ctx, void* buffer, ulong offset, uint length, byte writeToEndOfFile,
        byte constrainedIo, uint* bytesTransferred, FspFileInfo* info)
    {
        try
        {
            var s = StateOf(fs);
            var data = new UnmanagedMemory(buffer, checked((int)length)).Memory;
            var op = s.Ops.WriteAsync(MountState.FileOf(ctx), data, offset, writeToEndOfFile != 0, constrainedIo != 0, s.Ct);
            if (op.IsCompletedSuccessfully)
            {
                *bytesTransferred = op.Result.Bytes;
                if (op.Result.Status == NtStatus.Success) *info = op.Result.Info;
                return op.Result.Status;
            }
            _ = LateAnswers.IoAsync(s, op, TransactKind.Write, CurrentHint(s));
            return NtStatus.Pending;
        }
        catch (Exception ex)
        {
            return Fault(fs, ex);
        }
    }

    /// <summary>The request's hint, read before answering STATUS_PENDING and counted as in flight.</summary>
    private static ulong CurrentHint(MountState s)
    {
        ulong hint = WinFspApi.FspFileSystemGetOperationContext()->Request->Hint;
        s.BeginPending();
        return hint;
    }
}
