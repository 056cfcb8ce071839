using GatewayFs.Cli.Settings;
using GatewayFs.Volumes;
using Prometheus;

namespace GatewayFs.Cli.Metrics;

/// <summary>
/// Serves one mount's counters as Prometheus metrics at <c>http://ADDRESS:PORT/metrics</c>, named
/// after AWS Storage Gateway's CloudWatch metrics with a <c>gatewayfs_</c> prefix. Values are read
/// from the volume when scraped, so nothing runs between scrapes.
/// </summary>
/// <remarks>prometheus-net's standalone <see cref="MetricServer"/> runs on HttpListener: no ASP.NET needed.</remarks>
internal sealed class MetricsExporter : IAsyncDisposable
{
    private readonly MetricServer _server;

    private MetricsExporter(MetricServer server) => _server = server;

    /// <summary>Starts serving; throws a <see cref="CliError"/> when the address cannot be bound.</summary>
    public static MetricsExporter Start(MetricsAddress address, IGatewayVolume volume, string mountpoint)
    {
        var registry = Prometheus.Metrics.NewCustomRegistry();
        registry.SetStaticLabels(new Dictionary<string, string> { ["mountpoint"] = mountpoint });
        var f = Prometheus.Metrics.WithCustomRegistry(registry);
        var hitPercent = f.CreateGauge("gatewayfs_CacheHitPercent", "Percent of reads served from the cache since the mount started (AWS: CacheHitPercent).");
        var percentUsed = f.CreateGauge("gatewayfs_CachePercentUsed", "Percent of the cache size holding cached blocks (AWS: CachePercentUsed).");
        var percentDirty = f.CreateGauge("gatewayfs_CachePercentDirty", "Percent of the journal holding data not yet uploaded (AWS: CachePercentDirty).");
        var queuedWrites = f.CreateGauge("gatewayfs_QueuedWrites", "Bytes acknowledged but not yet in the object store (AWS: QueuedWrites).");
        var dirtyBytes = f.CreateGauge("gatewayfs_DirtyBytes", "Bytes acknowledged but not yet in the object store.");
        var dirtyFiles = f.CreateGauge("gatewayfs_DirtyFiles", "Files with changes not yet in the object store.");
        var uploadQueue = f.CreateGauge("gatewayfs_UploadQueueLength", "Uploads waiting or running.");
        var uploadRate = f.CreateGauge("gatewayfs_UploadBytesPerSecond", "Recent upload rate in bytes per second.");
        var uploaded = f.CreateCounter("gatewayfs_CloudBytesUploaded", "Bytes written to the object store since the mount started (AWS: CloudBytesUploaded).");
        var downloaded = f.CreateCounter("gatewayfs_CloudBytesDownloaded", "Bytes read from the object store since the mount started (AWS: CloudBytesDownloaded).");
        var hits = f.CreateCounter("gatewayfs_CacheHits", "Block cache hits since the mount started.");
        var misses = f.CreateCounter("gatewayfs_CacheMisses", "Block cache misses since the mount started.");
        var cacheUsed = f.CreateGauge("gatewayfs_CacheUsedBytes", "Bytes of clean data in the block cache.");
        var cacheSize = f.CreateGauge("gatewayfs_CacheSizeBytes", "Configured block cache size in bytes.");
        var journalSize = f.CreateGauge("gatewayfs_JournalSizeBytes", "Configured write-back journal size in bytes.");
        var reachable = f.CreateGauge("gatewayfs_S3Reachable", "1 when the last request to the object store succeeded, else 0.");
        registry.AddBeforeCollectCallback(() =>
        {
            var s = volume.GetStatus();
            hitPercent.Set(s.CacheHitPercent);
            percentUsed.Set(Percent(s.CacheUsedBytes, s.CacheSizeBytes));
            percentDirty.Set(Percent(s.DirtyBytes, s.JournalSizeBytes));
            queuedWrites.Set(s.DirtyBytes);
            dirtyBytes.Set(s.DirtyBytes);
            dirtyFiles.Set(s.DirtyFiles);
            uploadQueue.Set(s.UploadQueueLength);
            uploadRate.Set(s.UploadBytesPerSecond);
            uploaded.IncTo(s.CloudBytesUploaded);
            downloaded.IncTo(s.CloudBytesDownloaded);
            hits.IncTo(s.CacheHits);
            misses.IncTo(s.CacheMisses);
            cacheUsed.Set(s.CacheUsedBytes);
            cacheSize.Set(s.CacheSizeBytes);
            journalSize.Set(s.JournalSizeBytes);
            reachable.Set(s.StoreReachable ? 1 : 0);
        });
        var server = new MetricServer(address.Host, address.Port, "metrics/", registry);
        try
        {
            server.Start();
        }
        catch (System.Net.HttpListenerException e)
        {
            server.Dispose();
            throw CliError.BadInput($"cannot serve metrics on {address}: {e.Message}; choose another --metrics ADDRESS:PORT");
        }
        return new MetricsExporter(server);
    }

    private static double Percent(long part, long whole) => whole <= 0 ? 0 : 100.0 * part / whole;

    public async ValueTask DisposeAsync()
    {
        await _server.StopAsync().ConfigureAwait(false);
        _server.Dispose();
    }
}
