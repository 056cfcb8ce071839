using GatewayFs.ObjectStore;
using GatewayFs.TestKit.S3;
using GatewayFs.Volumes;

namespace GatewayFs.Tests.Conformance;

/// <summary>
/// The cached volume as conformance backends: over s3rver (one server per test process, a fresh
/// bucket per test) and over a local-directory store, with a fresh cache directory per test.
/// </summary>
public static class CachedTargets
{
    /// <summary>
    /// What the cached volume supports of the optional features: chown is stored in the object's
    /// metadata; statfs free space is 1 PiB less what waits in the journal, so it drops as data is
    /// written. Not: hard links, xattrs, RENAME_EXCHANGE (an object store has none of them),
    /// sparse allocation (S3 has no holes) and 255-byte names over stores whose key segments are
    /// shorter. Each test checks the documented behaviour instead (docs/SEMANTICS.md).
    /// </summary>
    public const FsFeatures Features = FsFeatures.Chown | FsFeatures.SpaceAccounting;

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

    /// <summary>A cached volume over a fresh local-directory store (the embedded default; has UploadPartCopy).</summary>
    public static readonly FsBackend OverLocalStore = new("cached-local", Features, async () =>
    {
        string root = Directory.CreateTempSubdirectory("gatewayfs-conf-store-").FullName;
        var instance = await OverLocalDirectoryAsync(root);
        return new FsInstance(instance.FileSystem, async () =>
        {
            try { await instance.DisposeAsync(); }
            finally { Directory.Delete(root, recursive: true); }
        }) { Settle = instance.Settle };
    });

    /// <summary>A cached volume with a fresh cache over the local-directory store in <paramref name="root"/>, which it leaves in place.</summary>
    public static Task<FsInstance> OverLocalDirectoryAsync(string root) => StartAsync(new LocalDirectoryObjectStore(root));

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
            if (volume is not null) await                 volume.DisposeAsync();
            await store.DisposeAsync();
            Directory.Delete(cacheDir, recursive: true);
            throw;
        }
        return new FsInstance(volume, async () =>
        {
            try
            {
                // Every test ends with its data in the store: uploads must work for all it did.
                // Big sparse files are the exception: S3 has no holes, so they would upload hundreds
                // of megabytes of zeros to the one shared s3rver and slow every other test down
                // (multipart uploads are tested with real data in Volumes.Tests).
                if (volume.GetStatus().Pending.Sum(p => p.Size) < (256L << 20))
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
        })
        {
            Settle = async () =>
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(1));
                await volume.FlushAsync(null, cts.Token);
            },
        };
    }
}
