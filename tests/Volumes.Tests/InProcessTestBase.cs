using GatewayFs.ObjectStore;
using GatewayFs.Tests.Volumes.Support;
using GatewayFs.TestKit.S3;
using GatewayFs.Volumes;
using Xunit;

namespace GatewayFs.Tests.Volumes;

/// <summary>A fresh bucket, a volume on it under prefix "vol/", and a raw S3 client beside it.</summary>
public abstract class InProcessTestBase : IAsyncLifetime
{
    protected const string Prefix = "vol/";

    protected InProcessTestBase(S3rverFixture s3) => S3 = s3;

    protected S3rverFixture S3 { get; }
    protected string Bucket { get; private set; } = "";
    protected IObjectStore Store { get; private set; } = null!;
    protected VolumeHarness V { get; private set; } = null!;
    protected FsDriver Fs => V.Fs;
    protected RawS3 Raw { get; private set; } = null!;

    /// <summary>Changes the volume options of this class's tests.</summary>
    protected virtual CachedVolumeOptions Configure(CachedVolumeOptions o) => o;

    public async Task InitializeAsync()
    {
        Bucket = await S3.CreateBucketAsync();
        Store = S3.CreateStore(Bucket);
        Raw = new RawS3(S3.CreateRawClient(), Bucket);
        V = await VolumeHarness.StartAsync(Store, o => Configure(o with { Prefix = Prefix }));
    }

    public async Task DisposeAsync()
    {
        await V.DisposeAsync();
        Raw.Dispose();
        await Store.DisposeAsync();
    }

    /// <summary>Stops the volume and starts another on the same store; <paramref name="keepCache"/> reuses the cache directory (journal replay).</summary>
    protected async Task RestartAsync(bool keepCache, Func<CachedVolumeOptions, CachedVolumeOptions>? configure = null)
    {
        string dir = V.CacheDir;
        await V.StopKeepingCacheAsync();
        if (!keepCache) VolumeHarness.TryDelete(dir);
        V = await VolumeHarness.StartAsync(V.Store, o => (configure ?? Configure)(o with { Prefix = Prefix }), keepCache ? dir : null, deleteCacheDir: true);
    }
}
