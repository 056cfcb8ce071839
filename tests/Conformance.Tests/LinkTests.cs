namespace GatewayFs.Tests.Conformance;

public class LinkTests
{
    [Theory, AllTargets]
    public async Task Hard_links_share_one_file(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        await fs.MkdirAsync("d");
        await fs.WriteTextAsync("f", "shared");
        if (!fs.Features.HasFlag(FsFeatures.HardLinks))
        {
            await FsAssert.FailsWithOneOfAsync(() => fs.LinkAsync("f", "d/g"), FsError.NotSupported, FsError.NotPermitted);
            return;
        }
        await fs.LinkAsync("f", "d/g");
        var f = await fs.StatAsync("f");
        Assert.Equal(2u, f.Nlink);
        Assert.Equal(f.Ino, (await fs.StatAsync("d/g")).Ino);

        await using (var w = await fs.OpenAsync("d/g", OpenFlags.WriteOnly | OpenFlags.Append))
            await w.WriteAllAsync(" text"u8.ToArray());
        Assert.Equal("shared text", await fs.ReadTextAsync("f"));

        await fs.UnlinkAsync("f");
        Assert.Equal(1u, (await fs.StatAsync("d/g")).Nlink);
        Assert.Equal("shared text", await fs.ReadTextAsync("d/g"));
    }

    [Theory, AllTargets]
    public async Task Link_errors(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        await fs.MkdirAsync("d");
        await fs.WriteTextAsync("f", "x");
        if (!fs.Features.HasFlag(FsFeatures.HardLinks))
        {
            // Without hard links (docs/SEMANTICS.md) every link fails: with the error POSIX
            // gives where the kernel or the path walk decides first, else EOPNOTSUPP.
            await FsAssert.FailsWithOneOfAsync(() => fs.LinkAsync("d", "d2"), FsError.NotPermitted, FsError.NotSupported);
            await FsAssert.FailsWithOneOfAsync(() => fs.LinkAsync("f", "d"), FsError.Exists, FsError.NotSupported);
            await FsAssert.FailsAsync(FsError.NotFound, () => fs.LinkAsync("missing", "g"));
            await FsAssert.FailsWithOneOfAsync(() => fs.LinkAsync("f", "g"), FsError.NotSupported, FsError.NotPermitted);
            Assert.Equal(["d", "f"], await fs.ListAsync(""));
            return;
        }
        await FsAssert.FailsAsync(FsError.NotPermitted, () => fs.LinkAsync("d", "d2"));
        await FsAssert.FailsAsync(FsError.Exists, () => fs.LinkAsync("f", "d"));
        await FsAssert.FailsAsync(FsError.NotFound, () => fs.LinkAsync("missing", "g"));
    }
}
