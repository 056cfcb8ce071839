namespace GatewayFs.Tests.Conformance;

public class SeekTests
{
    [Theory, AllTargets]
    public async Task Seek_from_start_current_and_end(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        await fs.WriteTextAsync("f", "0123456789");
        await using var f = await fs.OpenAsync("f", OpenFlags.ReadOnly);
        var one = new byte[1];

        Assert.Equal(3, await f.SeekAsync(3, SeekOrigin.Begin));
        await f.ReadAsync(one);
        Assert.Equal((byte)'3', one[0]);
        Assert.Equal(6, await f.SeekAsync(2, SeekOrigin.Current));
        await f.ReadAsync(one);
        Assert.Equal((byte)'6', one[0]);
        Assert.Equal(8, await f.SeekAsync(-2, SeekOrigin.End));
        await f.ReadAsync(one);
        Assert.Equal((byte)'8', one[0]);
        Assert.Equal(2, await f.SeekAsync(-7, SeekOrigin.Current));
    }

    [Theory, AllTargets]
    public async Task Seek_past_the_end_reads_nothing_and_a_write_there_leaves_a_zero_filled_gap(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        await using var f = await fs.OpenAsync("f", OpenFlags.ReadWrite | OpenFlags.Create);
        await f.WriteAllAsync("ab"u8.ToArray());
        Assert.Equal(100_000, await f.SeekAsync(100_000, SeekOrigin.Begin));
        Assert.Equal(0, await f.ReadAsync(new byte[10]));
        Assert.Equal(2, (await f.StatAsync()).Size); // seeking alone does not grow the file
        await f.WriteAllAsync("z"u8.ToArray());
        Assert.Equal(100_001, (await f.StatAsync()).Size);
        var all = await f.PreadExactAsync(0, 200_000);
        Assert.Equal(100_001, all.Length);
        Assert.Equal("ab"u8.ToArray(), all[..2]);
        Assert.All(all[2..100_000], b => Assert.Equal(0, b));
        Assert.Equal((byte)'z', all[100_000]);
    }

    [Theory, AllTargets]
    public async Task Seek_before_the_start_fails_with_EINVAL(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        await fs.WriteTextAsync("f", "abc");
        await using var f = await fs.OpenAsync("f", OpenFlags.ReadOnly);
        await f.SeekAsync(1, SeekOrigin.Begin);
        await FsAssert.FailsAsync(FsError.InvalidArgument, () => f.SeekAsync(-2, SeekOrigin.Current));
        await FsAssert.FailsAsync(FsError.InvalidArgument, () => f.SeekAsync(-4, SeekOrigin.End));
        Assert.Equal(1, await f.SeekAsync(0, SeekOrigin.Current)); // a failed seek leaves the position
    }

    [Theory, AllTargets]
    public async Task Seek_end_follows_growth_by_another_descriptor(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        await using var reader = await fs.OpenAsync("f", OpenFlags.ReadOnly | OpenFlags.Create);
        await using (var writer = await fs.OpenAsync("f", OpenFlags.WriteOnly))
            await writer.WriteAllAsync(TestData.Bytes(5000));
        Assert.Equal(5000, await reader.SeekAsync(0, SeekOrigin.End));
    }
}
