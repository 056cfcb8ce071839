using System.Diagnostics;
using GatewayFs.Fs;
using GatewayFs.ObjectStore;
using GatewayFs.Tests.Volumes.Support;
using GatewayFs.TestKit.S3;
using Xunit;

namespace GatewayFs.Tests.Volumes;

/// <summary>The store goes away (a blackholing proxy in front of s3rver) and comes back.</summary>
[Collection(S3rverCollection.Name)]
public sealed class FaultTests : IAsyncLifetime
{
    private readonly S3rverFixture _s3;
    private FaultProxy _proxy = null!;
    private IObjectStore _store = null!;
    private RawS3 _raw = null!;

    public FaultTests(S3rverFixture s3) => _s3 = s3;

    public async Task InitializeAsync()
    {
        string bucket = await _s3.CreateBucketAsync();
        _proxy = FaultProxy.Start(_s3.Endpoint);
        _store = new S3ObjectStore(_s3.OptionsFor(bucket, _proxy.Endpoint) with
        {
            RequestTimeout = TimeSpan.FromSeconds(2),
            ConnectTimeout = TimeSpan.FromSeconds(2),
            Retry = new RetryPolicy { MaxAttempts = 2, MaxElapsed = TimeSpan.FromSeconds(4) },
        });
        _raw = new RawS3(_s3.CreateRawClient(), bucket);
    }

    public async Task DisposeAsync()
    {
        _raw.Dispose();
        await _store.DisposeAsync();
        await _proxy.DisposeAsync();
    }

    private Task<VolumeHarness> StartAsync(Func<GatewayFs.Volumes.CachedVolumeOptions, GatewayFs.Volumes.CachedVolumeOptions>? more = null) =>
        VolumeHarness.StartAsync(_store, o =>
        {
            o = o with { ReadTimeout = TimeSpan.FromSeconds(3), StoreOpTimeout = TimeSpan.FromSeconds(3), MaxUploadBackoff = TimeSpan.FromSeconds(1) };
            return more is null ? o : more(o);
        });

    [Fact]
    public async Task While_the_store_is_down_writes_and_cached_reads_work_and_everything_arrives_when_it_is_back()
    {
        byte[] cached = Bytes.Random(2 << 20, 1), uncached = Bytes.Random(3 << 20, 2);
        await _raw.PutAsync("remote-only", uncached);
        await using var v = await StartAsync();
        await v.Fs.WriteFileAsync("cached", cached);
        await v.FlushAsync();
        Assert.Equal(cached, await v.Fs.ReadFileAsync("cached"));
        await v.Fs.StatAsync("remote-only");

        _proxy.FailAlways(Fault.Blackhole);
        var written = new Dictionary<string, byte[]>();
        for (int i = 0; i < 5; i++)
        {
            written[$"new{i}"] = Bytes.Random(100_000 + i, 10 + i);
            await v.Fs.WriteFileAsync($"new{i}", written[$"new{i}"]);
        }
        await v.Fs.WriteAtAsync("cached", 10, [7, 7, 7], fsync: true);
        cached[10] = cached[11] = cached[12] = 7;

        Assert.Equal(cached, await v.Fs.ReadFileAsync("cached"));
        var sw = Stopwatch.StartNew();
        await FsDriver.ExpectAsync(FsError.Io, () => v.Fs.ReadFileAsync("remote-only"));
        Assert.InRange(sw.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(20)); // bounded by the read timeout, never a hang

        await WaitUntilAsync(() => v.Volume.GetStatus() is { StoreReachable: false, Pending.Count: 6 } s && s.Pending.All(p => p.Attempts > 0 || p.Uploading));
        var status = v.Volume.GetStatus();
        Assert.Equal(6, status.DirtyFiles);
        Assert.NotNull(status.LastError);
        Assert.All(written.Keys, k => Assert.Null(_raw.GetAsync(k).Result));

        _proxy.Clear();
        await v.FlushAsync();
        foreach (var (name, data) in written) Assert.Equal(data, await _raw.GetAsync(name));
        Assert.Equal(cached, await _raw.GetAsync("cached"));
        Assert.True(v.Volume.GetStatus().StoreReachable);
        Assert.Equal(0, v.Volume.GetStatus().DirtyFiles);
    }

    [Fact]
    public async Task While_the_store_is_down_files_known_locally_answer_lookup_stat_and_read_after_the_metadata_TTL()
    {
        byte[] clean = Bytes.Random(1 << 20, 3), dirty = Bytes.Random(300_000, 4), uncached = Bytes.Random(2 << 20, 5);
        await _raw.PutAsync("dir/remote-only", uncached);
        await using var v = await StartAsync(o => o with { MetadataTtl = TimeSpan.FromMilliseconds(300), WriteBackDelay = TimeSpan.FromHours(1) });
        await v.Fs.WriteFileAsync("dir/clean", clean);
        await v.FlushAsync();
        Assert.Equal(clean, await v.Fs.ReadFileAsync("dir/clean")); // now in the block cache
        await v.Fs.WriteFileAsync("dir/dirty", dirty); // stays in the journal (write-back delay)
        await v.Fs.WriteFileAsync("top-dirty", dirty);
        Assert.Equal(uncached.Length, (long)(await v.Fs.StatAsync("dir/remote-only")).Size); // metadata known, data not
        Assert.Equal(3, (await v.Fs.ListAsync("dir")).Count);

        _proxy.FailAlways(Fault.Blackhole);
        await Task.Delay(TimeSpan.FromSeconds(1)); // every TTL has expired
        var sw = Stopwatch.StartNew();
        Assert.Equal(FileModes.Directory, (await v.Fs.StatAsync("")).Mode & FileModes.TypeMask);
        Assert.Equal(FileModes.Directory, (await v.Fs.StatAsync("dir")).Mode & FileModes.TypeMask);
        foreach (var (name, data) in new[] { ("dir/dirty", dirty), ("top-dirty", dirty), ("dir/clean", clean) })
        {
            Assert.NotNull(await v.Fs.TryLookupAsync(name));
            Assert.Equal(data.Length, (long)(await v.Fs.StatAsync(name)).Size);
            Assert.Equal(data, await v.Fs.ReadFileAsync(name));
        }
        Assert.Equal(["clean", "dirty", "remote-only"], (await v.Fs.ListAsync("dir")).Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Equal(uncached.Length, (long)(await v.Fs.StatAsync("dir/remote-only")).Size);
        // At most one store call waits for its timeout (3 s); then the volume knows the store is down.
        Assert.InRange(sw.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(15));

        sw.Restart();
        await FsDriver.ExpectAsync(FsError.Io, () => v.Fs.ReadFileAsync("dir/remote-only"));
        Assert.InRange(sw.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(20)); // bounded by the read timeout, never a hang
        Assert.False(v.Volume.GetStatus().StoreReachable);

        _proxy.Clear();
        await v.FlushAsync();
        Assert.Equal(dirty, await _raw.GetAsync("dir/dirty"));
        Assert.Equal(uncached, await v.Fs.ReadFileAsync("dir/remote-only"));
    }

    [Fact]
    public async Task A_full_journal_makes_writers_wait_then_fail_with_ENOSPC_and_keeps_what_it_acknowledged()
    {
        await using var v = await StartAsync(o => o with { JournalSizeBytes = 16L << 20, JournalFullWait = TimeSpan.FromSeconds(1), MetadataTtl = TimeSpan.FromSeconds(1) });
        Assert.Empty(await v.Fs.ListAsync("")); // the root's listing is known before the store goes away
        _proxy.FailAlways(Fault.Blackhole);
        var acknowledged = new List<(string Name, byte[] Data)>();
        var error = await Assert.ThrowsAsync<FsException>(async () =>
        {
            for (int i = 0; i < 64; i++)
            {
                var data = Bytes.Random(1 << 20, 100 + i);
                await v.Fs.WriteFileAsync($"f{i}", data);
                acknowledged.Add(($"f{i}", data));
            }
        });
        Assert.Equal(FsError.NoSpace, error.Error);
        Assert.NotEmpty(acknowledged);
        Assert.Contains("journal full", v.Volume.GetStatus().LastError);

        _proxy.Clear();
        await v.FlushAsync();
        foreach (var (name, data) in acknowledged) Assert.Equal(data, await _raw.GetAsync(name));
        await v.Fs.WriteFileAsync("after", [1, 2, 3]); // space came back
    }

    [Fact]
    public async Task Store_errors_are_retried_until_uploads_succeed()
    {
        await using var v = await StartAsync();
        _proxy.FailWithProbability(0.5, Fault.InternalError, match: r => r.Method == "PUT"); // uploads; a user's own reads would see EIO
        var files = Enumerable.Range(0, 20).ToDictionary(i => $"r{i}", i => Bytes.Random(10_000 + i, i));
        foreach (var (name, data) in files) await v.Fs.WriteFileAsync(name, data);
        await v.FlushAsync();
        _proxy.Clear();
        foreach (var (name, data) in files) Assert.Equal(data, await _raw.GetAsync(name));
        Assert.True(_proxy.InjectedFaults > 0);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var sw = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(sw.Elapsed < TimeSpan.FromSeconds(60), "condition not reached within 60 s");
            await Task.Delay(100);
        }
    }
}
