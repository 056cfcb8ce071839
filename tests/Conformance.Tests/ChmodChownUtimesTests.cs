namespace GatewayFs.Tests.Conformance;

public class ChmodChownUtimesTests
{
    [Theory, AllTargets]
    public async Task Chmod_sets_permission_bits_and_keeps_the_type(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        await fs.WriteTextAsync("f", "x");
        await fs.MkdirAsync("d");
        foreach (uint mode in new uint[] { 0x000, 0x1C0 /* 0700 */, 0x124 /* 0444 */, 0x9ED /* 04755 */, 0x3FF /* 01777 */ })
        {
            await fs.ChmodAsync("f", mode);
            await fs.ChmodAsync("d", mode);
            var f = await fs.StatAsync("f");
            var d = await fs.StatAsync("d");
            Assert.Equal(mode, Perm(f.Mode));
            Assert.Equal(mode, Perm(d.Mode));
            Assert.True(FileModes.IsRegular(f.Mode));
            Assert.True(FileModes.IsDirectory(d.Mode));
        }
        Assert.Equal("x", await fs.ReadTextAsync("f")); // root reads through 0000, as the kernel allows
    }

    [Theory, AllTargets]
    public async Task Chmod_marks_ctime_but_not_mtime(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        await fs.WriteTextAsync("f", "x");
        await AgeAsync(fs, "f");
        var before = await fs.StatAsync("f");
        await ClockStep();
        await fs.ChmodAsync("f", 0x180);
        var after = await fs.StatAsync("f");
        Assert.Equal(Past, after.Mtime);
        Assert.True(after.Ctime > before.Ctime);
    }

    [Theory, AllTargets]
    public async Task Chown_sets_owner_and_group(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        await fs.WriteTextAsync("f", "x");
        await fs.MkdirAsync("d");
        if (!fs.Features.HasFlag(FsFeatures.Chown))
        {
            await FsAssert.FailsWithOneOfAsync(() => fs.ChownAsync("f", 1234, 5678), FsError.NotPermitted, FsError.NotSupported);
            return;
        }
        await fs.ChownAsync("f", 1234, 5678);
        await fs.ChownAsync("d", 4321, 8765);
        var f = await fs.StatAsync("f");
        var d = await fs.StatAsync("d");
        Assert.Equal((1234u, 5678u), (f.Uid, f.Gid));
        Assert.Equal((4321u, 8765u), (d.Uid, d.Gid));
        await fs.ChownAsync("f", 0, 0);
        Assert.Equal((0u, 0u), ((await fs.StatAsync("f")).Uid, (await fs.StatAsync("f")).Gid));
    }

    [Theory, AllTargets]
    public async Task Utimens_sets_times_to_the_nanosecond(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        await fs.WriteTextAsync("f", "x");
        var atime = new FsTime(1_500_000_000, 123_456_789);
        var mtime = new FsTime(1_600_000_000, 987_654_321);
        await fs.UtimensAsync("f", atime, mtime);
        var a = await fs.StatAsync("f");
        Assert.Equal(atime, a.Atime);
        Assert.Equal(mtime, a.Mtime);
        Assert.True(a.Ctime > mtime);
    }

    [Theory, AllTargets]
    public async Task Utimens_omit_keeps_a_time_and_now_sets_it(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        await fs.WriteTextAsync("f", "x");
        await AgeAsync(fs, "f");
        await fs.UtimensAsync("f", null, Utime.Now);
        var a = await fs.StatAsync("f");
        Assert.Equal(Past, a.Atime);
        Assert.True(a.Mtime > Past);
        await fs.UtimensAsync("f", Utime.Now, null);
        var b = await fs.StatAsync("f");
        Assert.True(b.Atime > Past);
        Assert.Equal(a.Mtime, b.Mtime);
    }

    [Theory, AllTargets]
    public async Task Times_before_1970_and_far_in_the_future_survive(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        await fs.WriteTextAsync("f", "x");
        var old = new FsTime(-86_400 * 365, 500);
        var future = new FsTime(4_102_444_800, 1); // 2100-01-01
        await fs.UtimensAsync("f", old, future);
        var a = await fs.StatAsync("f");
        Assert.Equal(old, a.Atime);
        Assert.Equal(future, a.Mtime);
    }
}
