namespace GatewayFs.Tests.Conformance;

public class TruncateTests
{
    [Theory, AllTargets]
    public async Task Shrinking_keeps_the_prefix(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        var data = TestData.Bytes(700_000);
        await fs.WriteFileAsync("f", data);
        await fs.TruncateAsync("f", 300_001);
        Assert.Equal(300_001, (await fs.StatAsync("f")).Size);
        SameBytes(data.AsMemory(0, 300_001), await fs.ReadFileAsync("f"));
    }

    [Theory, AllTargets]
    public async Task Extending_reads_zeros(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        await fs.WriteTextAsync("f", "abc");
        await fs.TruncateAsync("f", 2_000_000);
        var all = await fs.ReadFileAsync("f");
        Assert.Equal(2_000_000, all.Length);
        Assert.Equal("abc"u8.ToArray(), all[..3]);
        Assert.True(all.AsSpan(3).IndexOfAnyExcept((byte)0) < 0);
    }

    [Theory, AllTargets]
    public async Task Shrink_then_extend_never_shows_the_old_bytes(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        var data = TestData.Bytes(600_000);
        Array.Fill<byte>(data, 0xAB);
        await using var f = await fs.OpenAsync("f", OpenFlags.ReadWrite | OpenFlags.Create);
        await f.PwriteAsync(0, data);
        foreach (long cut in new long[] { 500_001, 262_144, 100_003, 1 })
        {
            await f.TruncateAsync(cut);
            await f.TruncateAsync(600_000);
            var back = await f.PreadExactAsync(0, 600_000);
            Assert.True(back.AsSpan((int)cut).IndexOfAnyExcept((byte)0) < 0, $"old bytes visible after cut at {cut}");
            Assert.True(back.AsSpan(0, (int)cut).IndexOfAnyExcept((byte)0xAB) < 0, $"kept bytes lost after cut at {cut}");
        }
    }

    [Theory, AllTargets]
    public async Task Ftruncate_through_a_descriptor_changes_what_it_reads(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        await using var f = await fs.OpenAsync("f", OpenFlags.ReadWrite | OpenFlags.Create);
        await f.WriteAllAsync("0123456789"u8.ToArray());
        await f.TruncateAsync(4);
        Assert.Equal(4, (await f.StatAsync()).Size);
        Assert.Equal("0123"u8.ToArray(), await f.PreadExactAsync(0, 10));
        Assert.Equal(4, (await fs.StatAsync("f")).Size);
    }

    [Theory, AllTargets]
    public async Task Truncate_marks_mtime_and_ctime(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        await fs.WriteTextAsync("f", "abcdef");
        await AgeAsync(fs, "f");
        await fs.TruncateAsync("f", 2);
        var a = await fs.StatAsync("f");
        Assert.True(a.Mtime > Past);
        Assert.True(a.Ctime > Past);
    }

    [Theory, AllTargets]
    public async Task Open_with_truncate_empties_the_file(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        await fs.WriteFileAsync("f", TestData.Bytes(1 << 20));
        await AgeAsync(fs, "f");
        await using (var f = await fs.OpenAsync("f", OpenFlags.WriteOnly | OpenFlags.Truncate))
        {
            Assert.Equal(0, (await f.StatAsync()).Size);
            await f.WriteAllAsync("new"u8.ToArray());
        }
        var a = await fs.StatAsync("f");
        Assert.Equal(3, a.Size);
        Assert.True(a.Mtime > Past);
        Assert.Equal("new", await fs.ReadTextAsync("f"));
    }

    [Theory, AllTargets]
    public async Task Bad_truncates_fail_with_the_POSIX_errors(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        await fs.MkdirAsync("d");
        await fs.WriteTextAsync("f", "abc");
        await FsAssert.FailsAsync(FsError.IsDirectory, () => fs.TruncateAsync("d", 0));
        await FsAssert.FailsAsync(FsError.InvalidArgument, () => fs.TruncateAsync("f", -1));
        await using (var ro = await fs.OpenAsync("f", OpenFlags.ReadOnly))
            await FsAssert.FailsAsync(FsError.InvalidArgument, () => ro.TruncateAsync(0));
        Assert.Equal("abc", await fs.ReadTextAsync("f"));
    }
}
