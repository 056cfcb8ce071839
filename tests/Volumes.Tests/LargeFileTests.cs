using GatewayFs.ObjectStore;
using GatewayFs.Tests.Volumes.Support;
using GatewayFs.TestKit.S3;
using Xunit;

namespace GatewayFs.Tests.Volumes;

/// <summary>Multipart uploads and small overwrites in big files, on a store with UploadPartCopy (local directory) and one without (s3rver).</summary>
[Collection(S3rverCollection.Name)]
public sealed class LargeFileTests
{
    private const int MiB = 1 << 20;
    private readonly S3rverFixture _s3;

    public LargeFileTests(S3rverFixture s3) => _s3 = s3;

    [Theory]
    [InlineData("local")]
    [InlineData("s3rver")]
    public async Task A_small_overwrite_in_a_large_file_uploads_one_part_and_keeps_the_rest(string kind)
    {
        await using var store = await OpenStoreAsync(kind);
        byte[] data = Bytes.Random(40 * MiB + 4321, 7);
        await using (var v = await VolumeHarness.StartAsync(store.Store))
        {
            await v.Fs.WriteFileAsync("big.bin", data, chunk: MiB);
            await v.FlushAsync();
            Assert.True(v.Store.Count("CreateMultipart") >= 1);
            Assert.Equal(data, await store.GetAsync("big.bin"));

            v.Store.ResetCounts();
            long downloadedBefore = v.Volume.GetStatus().CloudBytesDownloaded;
            byte[] patch = Bytes.Random(4096, 8);
            await v.Fs.WriteAtAsync("big.bin", 20 * MiB + 100, patch, fsync: true);
            patch.CopyTo(data, 20 * MiB + 100);
            await v.FlushAsync();

            Assert.Equal(data, await store.GetAsync("big.bin"));
            long downloaded = v.Volume.GetStatus().CloudBytesDownloaded - downloadedBefore;
            if (kind == "local")
            {
                Assert.Equal(1, v.Store.Count("UploadPart"));     // only the part holding the change
                Assert.Equal(5, v.Store.Count("UploadPartCopy")); // the four other full parts and the tail
                Assert.InRange(downloaded, 0, 8 * MiB);           // at most the changed part's base
            }
            else
            {
                // No UploadPartCopy: the first parts to try learn it, every part is re-read and sent.
                Assert.False(store.Store.Capabilities.UploadPartCopy ?? true);
                Assert.InRange(v.Store.Count("UploadPartCopy"), 0, 4);
                Assert.Equal(6, v.Store.Count("UploadPart"));
                Assert.InRange(downloaded, 0, data.Length);       // unchanged parts re-read once, never more
            }
        }
        await using (var cold = await VolumeHarness.StartAsync(store.Store))
            Assert.Equal(data, await cold.Fs.ReadFileAsync("big.bin", chunk: MiB));
    }

    [Theory]
    [InlineData("local")]
    [InlineData("s3rver")]
    public async Task Truncating_and_extending_a_large_file_reads_zeros_past_the_cut(string kind)
    {
        await using var store = await OpenStoreAsync(kind);
        byte[] data = Bytes.Random(24 * MiB, 9);
        await using var v = await VolumeHarness.StartAsync(store.Store);
        await v.Fs.WriteFileAsync("t.bin", data, chunk: MiB);
        await v.FlushAsync();
        await v.Fs.TruncateAsync("t.bin", 10 * MiB + 3);
        await v.Fs.TruncateAsync("t.bin", 30 * MiB);
        var expected = new byte[30 * MiB];
        data.AsSpan(0, 10 * MiB + 3).CopyTo(expected);
        Assert.Equal(expected, await v.Fs.ReadFileAsync("t.bin", chunk: MiB));
        await v.FlushAsync();
        Assert.Equal(expected, await store.GetAsync("t.bin"));
    }

    private async Task<TestStore> OpenStoreAsync(string kind)
    {
        if (kind == "local")
        {
            string dir = Directory.CreateTempSubdirectory("gatewayfs-local-").FullName;
            return new TestStore(new LocalDirectoryObjectStore(dir), () => VolumeHarness.TryDelete(dir));
        }
        return new TestStore(_s3.CreateStore(await _s3.CreateBucketAsync()), null);
    }

    /// <summary>A store for one test and a second client on the same bucket or directory to check what it holds.</summary>
    private sealed class TestStore(IObjectStore store, Action? cleanup) : IAsyncDisposable
    {
        public IObjectStore Store { get; } = store;

        public async Task<byte[]?> GetAsync(string key)
        {
            var info = await Store.HeadAsync(key, CancellationToken.None);
            if (info is null) return null;
            var buf = new byte[info.Size];
            int n = await Store.GetRangeAsync(key, 0, buf, null, CancellationToken.None);
            return buf[..n];
        }

        public async ValueTask DisposeAsync()
        {
            await Store.DisposeAsync();
            cleanup?.Invoke();
        }
    }
}
