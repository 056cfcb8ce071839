namespace GatewayFs.Tests.Conformance;

public class SymlinkTests
{
    [Theory, AllTargets]
    public async Task A_symlink_keeps_its_target_text_and_stat_follows_it(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        await fs.WriteTextAsync("real", "contents");
        await fs.SymlinkAsync("real", "link");

        Assert.Equal("real", await fs.ReadLinkAsync("link"));
        var l = await fs.LstatAsync("link");
        Assert.True(FileModes.IsSymlink(l.Mode));
        Assert.Equal(4, l.Size);
        Assert.Equal(0x1FFu, Perm(l.Mode));
        var s = await fs.StatAsync("link");
        Assert.True(FileModes.IsRegular(s.Mode));
        Assert.Equal((await fs.StatAsync("real")).Ino, s.Ino);
        Assert.Equal("contents", await fs.ReadTextAsync("link"));
    }

    [Theory, AllTargets]
    public async Task Target_text_is_kept_verbatim_even_when_it_points_nowhere(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        string[] targets = ["missing", "../../../outside", "/absolute/path", "with space/and ünïcode", new string('t', 1000)];
        for (int i = 0; i < targets.Length; i++)
        {
            await fs.SymlinkAsync(targets[i], $"l{i}");
            Assert.Equal(targets[i], await fs.ReadLinkAsync($"l{i}"));
        }
        await FsAssert.FailsAsync(FsError.NotFound, () => fs.StatAsync("l0"));
        Assert.True(FileModes.IsSymlink((await fs.LstatAsync("l0")).Mode));
    }

    [Theory, AllTargets]
    public async Task Paths_resolve_through_a_symlink_to_a_directory(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        await fs.MkdirAsync("d");
        await fs.MkdirAsync("d/e");
        await fs.SymlinkAsync("d/e", "short");
        await fs.SymlinkAsync("../short", "d/back");
        await fs.WriteTextAsync("short/f", "via link");
        Assert.Equal("via link", await fs.ReadTextAsync("d/e/f"));
        Assert.Equal("via link", await fs.ReadTextAsync("d/back/f"));
        Assert.Equal(["f"], await fs.ListAsync("short"));
    }

    [Theory, AllTargets]
    public async Task Unlink_and_rename_act_on_the_link_not_the_target(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        await fs.WriteTextAsync("real", "x");
        await fs.SymlinkAsync("real", "link");
        await fs.RenameAsync("link", "moved");
        Assert.Equal("real", await fs.ReadLinkAsync("moved"));
        await fs.UnlinkAsync("moved");
        Assert.Equal(["real"], await fs.ListAsync(""));
        Assert.Equal("x", await fs.ReadTextAsync("real"));
    }

    [Theory, AllTargets]
    public async Task Symlink_errors(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        await fs.WriteTextAsync("f", "x");
        await FsAssert.FailsAsync(FsError.Exists, () => fs.SymlinkAsync("anything", "f"));
        await FsAssert.FailsAsync(FsError.InvalidArgument, () => fs.ReadLinkAsync("f"));
        await FsAssert.FailsAsync(FsError.NotFound, () => fs.ReadLinkAsync("missing"));
        await fs.SymlinkAsync("loop2", "loop1");
        await fs.SymlinkAsync("loop1", "loop2");
        await FsAssert.FailsAsync(FsError.Loop, () => fs.StatAsync("loop1"));
        await FsAssert.FailsAsync(FsError.Loop, () => fs.OpenAsync("loop1", OpenFlags.ReadOnly));
    }
}
