using System.Runtime.InteropServices;
using GatewayFs.ObjectStore;
using GatewayFs.Tests.Volumes.Support;
using GatewayFs.TestKit.Fuse;
using GatewayFs.TestKit.S3;
using Xunit;

namespace GatewayFs.Tests.Volumes.ReadPath;

/// <summary>
/// The read path through a real mount, with S3 requests counted by a proxy in front of s3rver:
/// the kernel reads whole 1 MiB blocks, a sequential read GETs ranges, and re-reads cost no
/// request (page cache kept when unchanged; block cache when the page cache is dropped).
/// </summary>
[Collection(S3rverCollection.Name)]
public sealed partial class MountedReadPathTests : IAsyncLifetime
{
    private const int MiB = 1 << 20;
    private readonly S3rverFixture _s3;
    private FaultProxy _proxy = null!;
    private S3ObjectStore _store = null!;
    private VolumeHarness _v = null!;
    private TempMount _mount = null!;
    private RawS3 _raw = null!;

    public MountedReadPathTests(S3rverFixture s3) => _s3 = s3;

    public async Task InitializeAsync()
    {
        string bucket = await _s3.CreateBucketAsync();
        _raw = new RawS3(_s3.CreateRawClient(), bucket);
        _proxy = FaultProxy.Start(_s3.Endpoint);
        _store = new S3ObjectStore(_s3.OptionsFor(bucket, _proxy.Endpoint));
        _v = await VolumeHarness.StartAsync(_store);
        _mount = TempMount.Create(_v.Volume);
    }

    public async Task DisposeAsync()
    {
        if (_mount is not null) await _mount.DisposeAsync();
        if (_v is not null) await _v.DisposeAsync();
        if (_store is not null) await _store.DisposeAsync();
        if (_proxy is not null) await _proxy.DisposeAsync();
        _raw?.Dispose();
    }

    private long BlockReads()
    {
        var s = _v.Volume.GetStatus();
        return s.CacheHits + s.CacheMisses;
    }

    private static byte[] ReadAll(FileStream f, int chunk)
    {
        var all = new MemoryStream();
        var buf = new byte[chunk];
        f.Position = 0;
        for (int n; (n = f.Read(buf)) > 0;) all.Write(buf, 0, n);
        return all.ToArray();
    }

    [Fact]
    public async Task The_kernel_reads_whole_blocks_and_rereads_cost_no_request()
    {
        byte[] data = Bytes.Random(16 * MiB + 5, 7);
        await _raw.PutAsync("f.bin", data);
        using var f = new FileStream(_mount.PathOf("f.bin"), FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
        _proxy.ResetCounts();
        long before = BlockReads();

        Assert.Equal(data, ReadAll(f, MiB));
        Assert.Equal(0, _proxy.Count("HeadObject") + _proxy.Count("ListObjects"));
        Assert.True(_proxy.Count("GetObject") <= 8, string.Join(" ", _v.Store.Ranges.Select(r => $"{r.Offset / MiB}+{r.Length / (double)MiB:0.#}")));
        // One volume read per 1 MiB block (the last one short): the kernel asks in whole blocks.
        Assert.Equal(17, BlockReads() - before);

        // Unchanged and still in the page cache: the kernel answers without asking the volume.
        _proxy.ResetCounts();
        before = BlockReads();
        Assert.Equal(data, ReadAll(f, MiB));
        Assert.Equal(0, BlockReads() - before);

        // Page cache dropped: every block from the gateway's cache, no request.
        Assert.Equal(0, PosixFadvise(f.SafeFileHandle.DangerousGetHandle().ToInt32(), 0, 0, PosixFadvDontNeed));
        Assert.Equal(data, ReadAll(f, MiB));
        Assert.Equal(17, BlockReads() - before);
        Assert.Equal(0, _proxy.TotalRequests);
    }

    [Fact]
    public async Task A_file_reopened_unchanged_keeps_its_page_cache()
    {
        byte[] data = Bytes.Random(3 * MiB, 8);
        await _raw.PutAsync("k.bin", data);
        Assert.Equal(data, await File.ReadAllBytesAsync(_mount.PathOf("k.bin")));
        long before = BlockReads();
        Assert.Equal(data, await File.ReadAllBytesAsync(_mount.PathOf("k.bin")));
        Assert.Equal(0, BlockReads() - before);
    }

    private const int PosixFadvDontNeed = 4;

    [LibraryImport("libc", EntryPoint = "posix_fadvise")]
    private static partial int PosixFadvise(int fd, long offset, long length, int advice);
}
