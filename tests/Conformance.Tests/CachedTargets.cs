using GatewayFs.ObjectStore;
using GatewayFs.TestKit.S3;
using GatewayFs.Volumes;

namespace GatewayFs.Tests.Conformance;

/// <summary>
/// The cached volume as conformance backends: over s3rver (one server per test process, a fresh
/// bucket per test) with a fresh cache directory per test. Hard links, xattrs, RENAME_EXCHANGE,
/// space accounting and sparse allocation are not features of a cached volume (docs/SEMANTICS.md).
/// </summary>
public static class CachedTargets
{
    /// <summary>What the cached volume supports of the optional features.</summary>
    public const FsFeatures Features = FsFeatures.Chown;

    private static readonly Lazy<Task<S3rverFixture>> Server = new(async () =>
    {
        var s3 = new S3rverFixture();
        await s3.InitializeAsync();
        return s3; // stopped by the fixture's process-exit hook
    });

    /// <summary>A cached volume over a fresh s3rver bucket.</summary>
    public static readonly FsBackend OverS3rver = new("cached", Features, async () =>
    {
        var s3 = await Server.Value;
        var store = new InstrumentedStore(s3.CreateStore(await s3.CreateBucketAsync()), InstrumentedStore.S3rverKeyLimit);
        return await StartAsync(store);
    });

    private static async Task<FsInstance> StartAsync(IObjectStore store)
    {
        string cacheDir = Directory.CreateTempSubdirectory("gatewayfs-conf-").FullName;
        CachedVolume? volume = null;
        try
        {
            volume = CachedVolume.Create(new CachedVolumeOptions
            {
                Store = store,
                Prefix = "conformance",
                CacheDirectory = cacheDir,
                CacheSizeBytes = 64L << 20,
                JournalSizeBytes = 128L << 20,
                WriteBackDelay = TimeSpan.FromMilliseconds(100),
                MaxUploadBackoff = TimeSpan.FromSeconds(1),
            });
            await volume.StartAsync(CancellationToken.None);
        }
        catch
        {
            if (volume is not null) await volume.DisposeAsync();
            await store.DisposeAsync();
            Directory.Delete(cacheDir, recursive: true);
            throw;
        }
        return new FsInstance(volume, async () =>
        {
            try
            {
                // Every test ends with its data in the store: uploads must work for all it did.
                // Gigabyte sparse files are the exception: S3 has no holes, so they would upload
                // gigabytes of zeros to the one shared s3rver and slow every other test down.
                if (volume.GetStatus().Pending.Sum(p => p.Size) < (1L << 30))
                {
                    using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
                    await volume.FlushAsync(null, cts.Token);
                }
            }
            finally
            {
                await volume.DisposeAsync();
                await store.DisposeAsync();
                Directory.Delete(cacheDir, recursive: true);
            }
        });
    }
}
