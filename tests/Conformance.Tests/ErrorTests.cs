namespace GatewayFs.Tests.Conformance;

/// <summary>The errno each misuse gets, across operations.</summary>
public class ErrorTests
{
    [Theory, AllTargets]
    public async Task Missing_names_give_ENOENT(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        await fs.MkdirAsync("d");
        await FsAssert.FailsAsync(FsError.NotFound, () => fs.StatAsync("nope"));
        await FsAssert.FailsAsync(FsError.NotFound, () => fs.LstatAsync("d/nope"));
        await FsAssert.FailsAsync(FsError.NotFound, () => fs.StatAsync("nope/deeper"));
        await FsAssert.FailsAsync(FsError.NotFound, () => fs.OpenAsync("nope", OpenFlags.ReadOnly));
        await FsAssert.FailsAsync(FsError.NotFound, () => fs.OpenAsync("nope/f", OpenFlags.WriteOnly | OpenFlags.Create));
        await FsAssert.FailsAsync(FsError.NotFound, () => fs.UnlinkAsync("nope"));
        await FsAssert.FailsAsync(FsError.NotFound, () => fs.ChmodAsync("nope", 0x1A4));
        await FsAssert.FailsAsync(FsError.NotFound, () => fs.TruncateAsync("nope", 0));
        await FsAssert.FailsAsync(FsError.NotFound, () => fs.UtimensAsync("nope", Past, Past));
        await FsAssert.FailsAsync(FsError.NotFound, () => fs.SymlinkAsync("x", "nope/link"));
    }

    [Theory, AllTargets]
    public async Task Taken_names_give_EEXIST(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        await fs.WriteTextAsync("f", "x");
        await fs.MkdirAsync("d");
        await fs.SymlinkAsync("f", "l");
        foreach (var taken in new[] { "f", "d", "l" })
        {
            await FsAssert.FailsAsync(FsError.Exists, () => fs.MkdirAsync(taken));
            await FsAssert.FailsAsync(FsError.Exists, () => fs.SymlinkAsync("t", taken));
            await FsAssert.FailsAsync(FsError.Exists, () => fs.OpenAsync(taken, OpenFlags.WriteOnly | OpenFlags.Create | OpenFlags.Exclusive));
        }
    }

    [Theory, AllTargets]
    public async Task Non_empty_directories_give_ENOTEMPTY(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        await fs.MkdirAsync("a");
        await fs.MkdirAsync("a/b");
        await fs.MkdirAsync("c");
        await fs.WriteTextAsync("c/f", "x");
        await FsAssert.FailsAsync(FsError.NotEmpty, () => fs.RmdirAsync("a"));
        await FsAssert.FailsAsync(FsError.NotEmpty, () => fs.RenameAsync("a/b", "c"));
    }

    [Theory, AllTargets]
    public async Task File_operations_on_directories_give_EISDIR(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        await fs.MkdirAsync("d");
        await fs.WriteTextAsync("f", "x");
        await FsAssert.FailsAsync(FsError.IsDirectory, () => fs.OpenAsync("d", OpenFlags.WriteOnly));
        await FsAssert.FailsAsync(FsError.IsDirectory, () => fs.OpenAsync("d", OpenFlags.ReadWrite | OpenFlags.Create));
        await FsAssert.FailsAsync(FsError.IsDirectory, () => fs.UnlinkAsync("d"));
        await FsAssert.FailsAsync(FsError.IsDirectory, () => fs.RenameAsync("f", "d"));
        await FsAssert.FailsAsync(FsError.IsDirectory, () => fs.TruncateAsync("d", 0));
    }

    [Theory, AllTargets]
    public async Task Files_used_as_directories_give_ENOTDIR(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        await fs.WriteTextAsync("f", "x");
        await fs.MkdirAsync("d");
        await FsAssert.FailsAsync(FsError.NotDirectory, () => fs.StatAsync("f/x"));
        await FsAssert.FailsAsync(FsError.NotDirectory, () => fs.OpenAsync("f/x", OpenFlags.WriteOnly | OpenFlags.Create));
        await FsAssert.FailsAsync(FsError.NotDirectory, () => fs.MkdirAsync("f/x"));
        await FsAssert.FailsAsync(FsError.NotDirectory, () => fs.RmdirAsync("f"));
        await FsAssert.FailsAsync(FsError.NotDirectory, () => fs.RenameAsync("d", "f"));
        await FsAssert.FailsAsync(FsError.NotDirectory, () => fs.ListAsync("f"));
    }

    [Theory, AllTargets]
    public async Task Names_over_255_bytes_give_ENAMETOOLONG(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        int max = fs.Features.HasFlag(FsFeatures.LongNames) ? 255 : (int)(await fs.StatFsAsync("")).NameMax;
        string ok = NameOfLength(max);
        string tooLong = NameOfLength(256);
        string multibyteOk = new string('€', max / 3) + NameOfLength(max % 3); // max bytes of UTF-8
        string multibyteLong = new('é', 128);  // 128 characters, 256 bytes
        if (max < 255)
        {
            await FsAssert.FailsAsync(FsError.NameTooLong, () => fs.OpenAsync(NameOfLength(max + 1), OpenFlags.WriteOnly | OpenFlags.Create));
            await FsAssert.FailsAsync(FsError.NameTooLong, () => fs.MkdirAsync(NameOfLength(max + 1)));
        }
        await fs.WriteTextAsync(ok, "x");
        await fs.MkdirAsync(multibyteOk);
        Assert.Equal("x", await fs.ReadTextAsync(ok));
        // A directory of the longest name holds files (its marker object is one byte longer).
        string longDir = new('d', max);
        await fs.MkdirAsync(longDir);
        await fs.WriteTextAsync($"{longDir}/{ok}", "inside");
        await fs.SettleAsync();
        Assert.Equal([ok], await fs.ListAsync(longDir));
        Assert.Equal("inside", await fs.ReadTextAsync($"{longDir}/{ok}"));
        await fs.UnlinkAsync($"{longDir}/{ok}");
        await fs.RmdirAsync(longDir);

        foreach (var name in new[] { tooLong, multibyteLong })
        {
            await FsAssert.FailsAsync(FsError.NameTooLong, () => fs.OpenAsync(name, OpenFlags.WriteOnly | OpenFlags.Create));
            await FsAssert.FailsAsync(FsError.NameTooLong, () => fs.MkdirAsync(name));
            await FsAssert.FailsAsync(FsError.NameTooLong, () => fs.StatAsync(name));
            await FsAssert.FailsAsync(FsError.NameTooLong, () => fs.SymlinkAsync("t", name));
            await FsAssert.FailsAsync(FsError.NameTooLong, () => fs.RenameAsync(ok, name));
            await FsAssert.FailsAsync(FsError.NameTooLong, () => fs.StatAsync($"{multibyteOk}/{name}"));
        }
        Assert.Equal(new[] { ok, multibyteOk }.Order(StringComparer.Ordinal), await fs.ListAsync(""));
    }

    [Theory, AllTargets]
    public async Task Closed_descriptors_give_EBADF(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        var f = await fs.OpenAsync("f", OpenFlags.ReadWrite | OpenFlags.Create);
        await f.DisposeAsync();
        await FsAssert.FailsAsync(FsError.BadHandle, () => f.PreadAsync(0, new byte[1]));
        await FsAssert.FailsAsync(FsError.BadHandle, () => f.PwriteAsync(0, new byte[1]));
    }
}
