namespace GatewayFs.Tests.Conformance;

public class MkdirRmdirTests
{
    [Theory, AllTargets]
    public async Task Mkdir_creates_an_empty_directory_with_the_masked_mode_and_link_counts(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        var rootLinks = (await fs.StatAsync("")).Nlink;
        await fs.MkdirAsync("d", 0x1FF);
        var d = await fs.StatAsync("d");
        Assert.True(FileModes.IsDirectory(d.Mode));
        Assert.Equal(Masked(fs, 0x1FF), Perm(d.Mode));
        Assert.Equal(2u, d.Nlink);
        Assert.Equal(rootLinks + 1, (await fs.StatAsync("")).Nlink);
        Assert.Empty(await fs.ListAsync("d"));
    }

    [Theory, AllTargets]
    public async Task Deep_nesting_works_and_rmdir_unwinds_it(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        var path = "";
        for (int i = 0; i < 30; i++)
        {
            path = path.Length == 0 ? $"level{i}" : $"{path}/level{i}";
            await fs.MkdirAsync(path);
        }
        await fs.WriteTextAsync($"{path}/leaf", "deep");
        Assert.Equal("deep", await fs.ReadTextAsync($"{path}/leaf"));
        await fs.UnlinkAsync($"{path}/leaf");
        while (path.Length > 0)
        {
            await fs.RmdirAsync(path);
            int slash = path.LastIndexOf('/');
            path = slash < 0 ? "" : path[..slash];
        }
        Assert.Empty(await fs.ListAsync(""));
    }

    [Theory, AllTargets]
    public async Task Rmdir_removes_an_empty_directory_and_restores_the_parent(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        await fs.MkdirAsync("p");
        await fs.MkdirAsync("p/c");
        await AgeAsync(fs, "p");
        await fs.RmdirAsync("p/c");
        var p = await fs.StatAsync("p");
        Assert.Equal(2u, p.Nlink);
        Assert.True(p.Mtime > Past);
        Assert.Empty(await fs.ListAsync("p"));
        await FsAssert.FailsAsync(FsError.NotFound, () => fs.StatAsync("p/c"));
    }

    [Theory, AllTargets]
    public async Task Mkdir_and_rmdir_refuse_what_POSIX_refuses(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        await fs.MkdirAsync("d");
        await fs.WriteTextAsync("d/f", "x");
        await fs.WriteTextAsync("file", "x");
        await FsAssert.FailsAsync(FsError.Exists, () => fs.MkdirAsync("d"));
        await FsAssert.FailsAsync(FsError.Exists, () => fs.MkdirAsync("file"));
        await FsAssert.FailsAsync(FsError.NotFound, () => fs.MkdirAsync("missing/d"));
        await FsAssert.FailsAsync(FsError.NotDirectory, () => fs.MkdirAsync("file/d"));
        await FsAssert.FailsAsync(FsError.NotEmpty, () => fs.RmdirAsync("d"));
        await FsAssert.FailsAsync(FsError.NotDirectory, () => fs.RmdirAsync("file"));
        await FsAssert.FailsAsync(FsError.NotFound, () => fs.RmdirAsync("missing"));
        Assert.Equal(["f"], await fs.ListAsync("d"));
    }

    [Theory, AllTargets]
    public async Task Setgid_directories_pass_their_group_and_the_bit_down(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        if (!fs.Features.HasFlag(FsFeatures.Chown)) return;
        await fs.MkdirAsync("shared");
        await fs.ChownAsync("shared", 0, 4242);
        await fs.ChmodAsync("shared", 0x5FF); // 02777
        await fs.MkdirAsync("shared/sub");
        await fs.WriteTextAsync("shared/file", "x");
        var sub = await fs.StatAsync("shared/sub");
        Assert.Equal(4242u, sub.Gid);
        Assert.NotEqual(0u, sub.Mode & 0x400);
        Assert.Equal(4242u, (await fs.StatAsync("shared/file")).Gid);
    }
}
