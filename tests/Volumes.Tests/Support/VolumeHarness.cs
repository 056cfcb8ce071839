using GatewayFs.ObjectStore;
using GatewayFs.TestKit.S3;
using GatewayFs.Volumes;

namespace GatewayFs.Tests.Volumes.Support;

/// <summary>A started cached volume over a store, with its own cache directory, for one test.</summary>
public sealed class VolumeHarness : IAsyncDisposable
{
    private readonly bool _ownCacheDir;

    private VolumeHarness(CachedVolume volume, InstrumentedStore store, string cacheDir, bool ownCacheDir)
    {
        Volume = volume;
        Store = store;
        CacheDir = cacheDir;
        _ownCacheDir = ownCacheDir;
        Fs = new FsDriver(volume);
    }

    public CachedVolume Volume { get; }
    public InstrumentedStore Store { get; }
    public string CacheDir { get; }
    public FsDriver Fs { get; }

    /// <summary>Options for tests: small cache and journal, no write-back delay unless asked.</summary>
    public static CachedVolumeOptions DefaultOptions(IObjectStore store, string cacheDir) => new()
    {
        Store = store,
        CacheDirectory = cacheDir,
        CacheSizeBytes = 256L << 20,
        JournalSizeBytes = 256L << 20,
        WriteBackDelay = TimeSpan.FromMilliseconds(200),
        MetadataTtl = TimeSpan.FromSeconds(5),
        ReadTimeout = TimeSpan.FromSeconds(10),
        StoreOpTimeout = TimeSpan.FromSeconds(10),
        MaxUploadBackoff = TimeSpan.FromSeconds(1),
    };

    public static async Task<VolumeHarness> StartAsync(IObjectStore store, Func<CachedVolumeOptions, CachedVolumeOptions>? configure = null, string? cacheDir = null, bool? deleteCacheDir = null)
    {
        bool own = deleteCacheDir ?? cacheDir is null;
        cacheDir ??= Directory.CreateTempSubdirectory("gatewayfs-vol-").FullName;
        var instrumented = store as InstrumentedStore ?? new InstrumentedStore(store);
        var options = DefaultOptions(instrumented, cacheDir);
        if (configure is not null) options = configure(options);
        var volume = CachedVolume.Create(options);
        try
        {
            await volume.StartAsync(CancellationToken.None);
        }
        catch
        {
            await volume.DisposeAsync();
            throw;
        }
        return new VolumeHarness(volume, instrumented, cacheDir, own);
    }

    /// <summary>Everything acknowledged is in the store (fails the test after a minute).</summary>
    public async Task FlushAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await Volume.FlushAsync(null, cts.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await Volume.DisposeAsync();
        if (_ownCacheDir) TryDelete(CacheDir);
    }

    /// <summary>Stops the volume but keeps its cache directory (for restart and replay tests).</summary>
    public async Task StopKeepingCacheAsync() => await Volume.DisposeAsync();

    public static void TryDelete(string dir)
    {
        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
