namespace GatewayFs.Tests.Conformance;

public class SparseTests
{
    private const long GiB = 1L << 30;

    [Theory, AllTargets]
    public async Task A_byte_written_past_a_1_GiB_hole_costs_little_and_the_hole_reads_zeros(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        await using (var f = await fs.OpenAsync("sparse", OpenFlags.ReadWrite | OpenFlags.Create))
        {
            await f.PwriteAsync(0, "head"u8.ToArray());
            await f.PwriteAsync(GiB, "tail"u8.ToArray());
            var a = await f.StatAsync();
            Assert.Equal(GiB + 4, a.Size);
            AssertAllocation(fs, a);
            foreach (long at in new[] { 4L, 4096, GiB / 2 + 12345, GiB - 100 })
                Assert.True((await f.PreadExactAsync(at, 100)).All(b => b == 0), $"hole at {at} is not zero");
            Assert.Equal("head"u8.ToArray(), await f.PreadExactAsync(0, 4));
            var end = await f.PreadExactAsync(GiB - 2, 100);
            Assert.Equal(new byte[] { 0, 0, (byte)'t', (byte)'a', (byte)'i', (byte)'l' }, end);
        }
    }

    [Theory, AllTargets]
    public async Task Truncate_to_a_large_size_makes_a_hole(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        await fs.WriteTextAsync("f", "x");
        await fs.TruncateAsync("f", 3 * GiB);
        var a = await fs.StatAsync("f");
        Assert.Equal(3 * GiB, a.Size);
        AssertAllocation(fs, a);
        await using var f = await fs.OpenAsync("f", OpenFlags.ReadOnly);
        Assert.True((await f.PreadExactAsync(2 * GiB, 1 << 20)).All(b => b == 0));
        Assert.Equal(10, (await f.PreadExactAsync(3 * GiB - 10, 1000)).Length);
    }

    /// <summary>
    /// A sparse file costs little where holes take no space; where they do (a cached volume:
    /// the store has no holes and uploads the zeros, docs/SEMANTICS.md), st_blocks says so.
    /// </summary>
    private static void AssertAllocation(IFsSession fs, FileAttr a)
    {
        if (fs.Features.HasFlag(FsFeatures.SparseFiles))
            Assert.True(a.Blocks * 512 < 4 << 20, $"a sparse file allocated {a.Blocks * 512} bytes");
        else
            Assert.True(a.Blocks * 512 >= a.Size, $"st_blocks {a.Blocks} counts less than the {a.Size} bytes a volume without holes stores");
    }

    [Theory, AllTargets]
    public async Task Data_scattered_over_holes_reads_back_in_place(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        var offsets = new long[] { 0, 65_536, 300_000, 5_000_000, 77_777_777, 500_000_000 };
        await using var f = await fs.OpenAsync("f", OpenFlags.ReadWrite | OpenFlags.Create);
        for (int i = 0; i < offsets.Length; i++)
            await f.PwriteAsync(offsets[i], TestData.Bytes(1000, seed: i));
        for (int i = 0; i < offsets.Length; i++)
        {
            var around = await f.PreadExactAsync(Math.Max(0, offsets[i] - 10), 1020);
            int lead = (int)Math.Min(10, offsets[i]);
            Assert.True(around.AsSpan(0, lead).IndexOfAnyExcept((byte)0) < 0);
            Assert.True(TestData.Bytes(1000, seed: i).AsSpan().SequenceEqual(around.AsSpan(lead, 1000)));
        }
    }
}
