using GatewayFs.Fs;
using GatewayFs.Tests.Volumes.Support;
using GatewayFs.TestKit.S3;
using Xunit;

namespace GatewayFs.Tests.Volumes.ReadPath;

/// <summary>
/// What the read path asks of the store, counted at the store: sequential reads GET each byte
/// once in ranges larger than a block, several at a time; random reads GET only their block;
/// a block read before is not fetched again; a file read at random is fetched whole in the
/// background; reads ask no metadata.
/// </summary>
[Collection(S3rverCollection.Name)]
public sealed class ReadPathTests : InProcessTestBase
{
    private const int MiB = 1 << 20;

    public ReadPathTests(S3rverFixture s3) : base(s3) { }

    private async Task<byte[]> PutAsync(string name, int size, int seed)
    {
        byte[] data = Bytes.Random(size, seed);
        await Raw.PutAsync(Prefix + name, data);
        return data;
    }

    private List<(string Key, long Offset, int Length)> GetsOf(string name) =>
        V.Store.Ranges.Where(r => r.Key == Prefix + name).ToList();

    [Fact]
    public async Task A_sequential_read_gets_every_byte_once_in_parallel_ranges_larger_than_a_block()
    {
        byte[] data = await PutAsync("seq.bin", 40 * MiB + 4321, 1);
        V.Store.GetDelay = TimeSpan.FromMilliseconds(20); // GETs in flight overlap for sure
        V.Store.ResetCounts();

        Assert.Equal(data, await Fs.ReadFileAsync("seq.bin", chunk: MiB));

        var gets = GetsOf("seq.bin").OrderBy(g => g.Offset).ToList();
        long covered = 0;
        foreach (var g in gets)
        {
            Assert.Equal(covered, g.Offset); // no gap, no overlap: each byte once
            covered += g.Length;
        }
        Assert.Equal(data.Length, covered);
        Assert.Contains(gets, g => g.Length >= 4 * MiB);
        Assert.True(gets.Count <= data.Length / (2 * MiB), $"{gets.Count} GETs for {data.Length} bytes: ranges are too small");
        Assert.True(V.Store.MaxGetsInFlight >= 2, $"at most {V.Store.MaxGetsInFlight} GET ran at a time");
    }

    [Fact]
    public async Task A_random_4KiB_read_gets_exactly_its_block_and_a_second_read_of_that_block_gets_nothing()
    {
        byte[] data = await PutAsync("rand.bin", 8 * MiB, 2);
        V.Store.ResetCounts();

        Assert.Equal(data.AsSpan(5 * MiB + 12345, 4096).ToArray(), await Fs.ReadAtAsync("rand.bin", 5 * MiB + 12345, 4096));
        Assert.Equal([(Prefix + "rand.bin", 5L * MiB, MiB)], GetsOf("rand.bin"));

        Assert.Equal(data.AsSpan(5 * MiB + 700_000, 4096).ToArray(), await Fs.ReadAtAsync("rand.bin", 5 * MiB + 700_000, 4096));
        Assert.Equal(data.AsSpan(5 * MiB, MiB).ToArray(), await Fs.ReadAtAsync("rand.bin", 5 * MiB, MiB));
        Assert.Single(GetsOf("rand.bin"));
    }

    [Fact]
    public async Task Concurrent_random_reads_of_different_blocks_get_their_blocks_at_the_same_time()
    {
        byte[] data = await PutAsync("par.bin", 16 * MiB, 3);
        ulong node = await Fs.NodeAsync("par.bin");
        var open = await Fs.Fs.OpenAsync(node, OpenFlags.ReadOnly, FsDriver.Caller, default);
        V.Store.GetDelay = TimeSpan.FromMilliseconds(200);
        V.Store.ResetCounts();

        long[] offsets = [3L * MiB + 100, 9L * MiB + 5000, 14L * MiB + 77, 6L * MiB];
        var reads = offsets.Select(async o =>
        {
            var buf = new byte[4096];
            Assert.Equal(4096, await Fs.Fs.ReadAsync(node, open.Handle, o, buf, default));
            Assert.Equal(data.AsSpan((int)o, 4096).ToArray(), buf);
        }).ToList();
        await Task.WhenAll(reads);
        await Fs.Fs.ReleaseAsync(node, open.Handle, default);

        Assert.Equal(offsets.Select(o => o / MiB * MiB).Order(), GetsOf("par.bin").Select(g => g.Offset).Order());
        Assert.All(GetsOf("par.bin"), g => Assert.Equal(MiB, g.Length));
        Assert.Equal(offsets.Length, V.Store.MaxGetsInFlight);
    }

    [Fact]
    public async Task Blocks_read_before_a_restart_come_from_the_block_cache_after_it()
    {
        byte[] data = await PutAsync("warm.bin", 6 * MiB + 1000, 4);
        Assert.Equal(data, await Fs.ReadFileAsync("warm.bin", chunk: MiB));
        await RestartAsync(keepCache: true);
        V.Store.ResetCounts();

        Assert.Equal(data, await Fs.ReadFileAsync("warm.bin", chunk: MiB));
        Assert.Equal(data.AsSpan(2 * MiB + 9, 4096).ToArray(), await Fs.ReadAtAsync("warm.bin", 2 * MiB + 9, 4096));
        Assert.Equal(data.AsSpan(6 * MiB, 1000).ToArray(), await Fs.ReadAtAsync("warm.bin", 6 * MiB, 4096));
        Assert.Empty(GetsOf("warm.bin"));
    }

    [Fact]
    public async Task Reads_on_an_open_file_ask_the_store_for_no_metadata()
    {
        byte[] data = await PutAsync("meta.bin", 5 * MiB, 5);
        ulong node = await Fs.NodeAsync("meta.bin");
        var open = await Fs.Fs.OpenAsync(node, OpenFlags.ReadOnly, FsDriver.Caller, default);
        V.Store.ResetCounts();

        var buf = new byte[MiB];
        for (int i = 0; i < 5; i++) Assert.Equal(MiB, await Fs.Fs.ReadAsync(node, open.Handle, (long)i * MiB, buf, default));
        for (int i = 0; i < 20; i++) Assert.Equal(4096, await Fs.Fs.ReadAsync(node, open.Handle, (i * 262_147L) % (4 * MiB), buf.AsMemory(0, 4096), default));
        await Fs.Fs.ReleaseAsync(node, open.Handle, default);

        Assert.Equal(0, V.Store.Count("Head") + V.Store.Count("List"));
        Assert.True(V.Store.Count("Get") > 0);
    }

    [Fact]
    public async Task A_file_read_at_random_is_fetched_whole_in_the_background_each_byte_once_then_reads_get_nothing()
    {
        int size = 24 * MiB + 5000;
        byte[] data = await PutAsync("fill.bin", size, 6);
        ulong node = await Fs.NodeAsync("fill.bin");
        var open = await Fs.Fs.OpenAsync(node, OpenFlags.ReadOnly, FsDriver.Caller, default);
        V.Store.ResetCounts();

        // Each read lands more than 4 blocks from where the last ended: none continues a stream.
        long[] mib = [20, 2, 13, 7, 23, 1, 17, 10, 4];
        var buf = new byte[4096];
        foreach (long m in mib)
        {
            long o = m * MiB + 4096 * m + 11;
            Assert.Equal(4096, await Fs.Fs.ReadAsync(node, open.Handle, o, buf, default));
            Assert.Equal(data.AsSpan((int)o, 4096).ToArray(), buf);
        }
        await Fs.Fs.ReleaseAsync(node, open.Handle, default);

        long Covered() => GetsOf("fill.bin").Sum(g => (long)g.Length);
        for (int i = 0; i < 600 && Covered() < size; i++) await Task.Delay(100);
        var gets = GetsOf("fill.bin").OrderBy(g => g.Offset).ToList();
        long at = 0;
        foreach (var g in gets)
        {
            Assert.Equal(at, g.Offset); // no gap, no overlap: each byte once
            at += g.Length;
        }
        Assert.Equal(size, at);
        Assert.Contains(gets, g => g.Length >= 4 * MiB);

        V.Store.ResetCounts();
        Assert.Equal(data, await Fs.ReadFileAsync("fill.bin", chunk: 128 * 1024));
        Assert.Empty(GetsOf("fill.bin"));
    }
}
