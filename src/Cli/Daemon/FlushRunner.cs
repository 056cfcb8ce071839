using GatewayFs.Cli.Settings;
using GatewayFs.ObjectStore;
using GatewayFs.Volumes;
using Microsoft.Extensions.Logging;

namespace GatewayFs.Cli.Daemon;

/// <summary>
/// Runs a volume flush and decides when to give up: uploads retry forever, so a flush while the
/// store is down would never end. It stops once the store has been unreachable and no byte has
/// moved for the stall timeout; while the store answers (even slowly) it keeps waiting.
/// </summary>
internal static class FlushRunner
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(500);

    public static async Task<FlushOutcome> RunAsync(IGatewayVolume volume, IProgress<FlushProgress>? progress, TimeSpan stallTimeout, ILogger log, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var flush = volume.FlushAsync(progress, cts.Token);
        var lastMove = DateTimeOffset.UtcNow;
        var last = volume.GetStatus();
        var stalled = false;
        while (!flush.IsCompleted)
        {
            await Task.WhenAny(flush, Task.Delay(Poll, ct)).ConfigureAwait(false);
            if (flush.IsCompleted) break;
            ct.ThrowIfCancellationRequested();
            var now = volume.GetStatus();
            if (now.StoreReachable || now.DirtyBytes != last.DirtyBytes || now.CloudBytesUploaded != last.CloudBytesUploaded)
                lastMove = DateTimeOffset.UtcNow;
            last = now;
            if (DateTimeOffset.UtcNow - lastMove > stallTimeout)
            {
                stalled = true;
                await cts.CancelAsync().ConfigureAwait(false);
                break;
            }
        }
        try
        {
            await flush.ConfigureAwait(false);
            return new FlushOutcome(true, null, volume.GetStatus());
        }
        catch (OperationCanceledException) when (stalled)
        {
            var s = volume.GetStatus();
            var why = s.LastError is null ? "" : $": {s.LastError}";
            log.LogWarning("flush gave up: the object store was unreachable for {Stall}{Why}", Duration.Format(stallTimeout), why);
            return new FlushOutcome(false, $"cannot reach the object store {s.Target} (no progress for {Duration.Format(stallTimeout)}){why}", s);
        }
        catch (ObjectStoreException e)
        {
            log.LogWarning("flush failed: {Reason}", e.Message);
            return new FlushOutcome(false, e.Message, volume.GetStatus());
        }
    }

    /// <summary>"12 MiB in 3 files": what a stopped flush leaves behind.</summary>
    public static string Pending(VolumeStatus s) => Output.Words.BytesInFiles(s.DirtyBytes, s.DirtyFiles);
}
