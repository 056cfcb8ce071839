using System.Runtime.Versioning;
using Microsoft.Extensions.Logging;

namespace GatewayFs.Fs.Windows.Native;

/// <summary>
/// Answers Read, Write and ReadDirectory calls that returned STATUS_PENDING, once the
/// filesystem finishes. Each answer is a fresh response: the dispatcher reuses its own
/// buffer as soon as the callback returns.
/// </summary>
[SupportedOSPlatform("windows")]
internal static class LateAnswers
{
    public static async Task IoAsync(MountState s, ValueTask<IoResult> op, uint kind, ulong hint)
    {
        IoResult r;
        try
        {
            r = await op.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            s.Log.LogError(ex, "WinFsp I/O failed unexpectedly; answering STATUS_IO_DEVICE_ERROR");
            r = new IoResult(NtStatus.IoDeviceError, 0, default);
        }
        Send(s, kind, hint, r.Status, r.Bytes, r.Info);
    }

    public static async Task DirectoryAsync(MountState s, ValueTask<int> op, NativeDirInfoSink sink, ulong hint)
    {
        int status;
        try
        {
            status = await op.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            s.Log.LogError(ex, "WinFsp ReadDirectory failed unexpectedly; answering STATUS_IO_DEVICE_ERROR");
            status = NtStatus.IoDeviceError;
        }
        try
        {
            Send(s, TransactKind.QueryDirectory, hint, status, status == NtStatus.Success ? sink.BytesTransferred : 0, default);
        }
        finally
        {
            sink.Dispose();
        }
    }

    private static unsafe void Send(MountState s, uint kind, ulong hint, int status, uint bytes, in FspFileInfo info)
    {
        try
        {
            var rsp = new FspTransactRsp
            {
                Size = (ushort)sizeof(FspTransactRsp),
                Kind = kind,
                Hint = hint,
                Status = status,
                Information = bytes,
            };
            if (kind == TransactKind.Write && status == NtStatus.Success) rsp.WriteFileInfo = info;
            s.SendLate(&rsp);
        }
        catch (Exception ex)
        {
            s.Log.LogError(ex, "WinFsp late response (kind {Kind}) could not be sent", kind);
        }
    }
}
