namespace GatewayFs.Tests.Conformance;

public class RenameTests
{
    [Theory, AllTargets]
    public async Task Rename_within_and_across_directories_moves_the_same_file(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        await fs.MkdirAsync("a");
        await fs.MkdirAsync("b");
        await fs.WriteTextAsync("a/f", "payload");
        var ino = (await fs.StatAsync("a/f")).Ino;

        await fs.RenameAsync("a/f", "a/g");
        await fs.RenameAsync("a/g", "b/h");

        Assert.Empty(await fs.ListAsync("a"));
        Assert.Equal(["h"], await fs.ListAsync("b"));
        Assert.Equal(ino, (await fs.StatAsync("b/h")).Ino);
        Assert.Equal("payload", await fs.ReadTextAsync("b/h"));
        await FsAssert.FailsAsync(FsError.NotFound, () => fs.StatAsync("a/f"));
    }

    [Theory, AllTargets]
    public async Task Rename_over_an_existing_file_replaces_it_atomically(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        await fs.WriteTextAsync("new", "new content");
        await fs.WriteTextAsync("old", "old content");
        var ino = (await fs.StatAsync("new")).Ino;
        await using var oldHandle = await fs.OpenAsync("old", OpenFlags.ReadOnly);

        await fs.RenameAsync("new", "old");

        Assert.Equal(["old"], await fs.ListAsync(""));
        Assert.Equal(ino, (await fs.StatAsync("old")).Ino);
        Assert.Equal("new content", await fs.ReadTextAsync("old"));
        // The replaced file lives on for whoever still has it open.
        Assert.Equal("old content"u8.ToArray(), await oldHandle.ReadToEndAsync());
        Assert.Equal(0u, (await oldHandle.StatAsync()).Nlink);
    }

    [Theory, AllTargets]
    public async Task A_replaced_file_whose_data_is_only_in_the_store_stays_readable_through_its_descriptor(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        var oldData = TestData.Bytes(3_000_000, seed: 1);
        var newData = TestData.Bytes(2_000_000, seed: 2);
        await fs.WriteFileAsync("old", oldData);
        await fs.WriteFileAsync("new", newData);
        await fs.SettleAsync();
        await using var oldHandle = await fs.OpenAsync("old", OpenFlags.ReadOnly | OpenFlags.Direct);

        await fs.RenameAsync("new", "old");
        await fs.SettleAsync();

        SameBytes(newData, await fs.ReadFileAsync("old"), "the new file under the old name");
        SameBytes(oldData, await oldHandle.PreadExactAsync(0, oldData.Length + 10), "the replaced file through its descriptor");
    }

    [Theory, AllTargets]
    public async Task Rename_of_a_directory_moves_its_subtree_and_fixes_link_counts(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        await fs.MkdirAsync("src");
        await fs.MkdirAsync("dst");
        await fs.MkdirAsync("src/tree");
        await fs.MkdirAsync("src/tree/sub");
        await fs.WriteTextAsync("src/tree/sub/leaf", "leaf");

        await fs.RenameAsync("src/tree", "dst/moved");

        Assert.Equal("leaf", await fs.ReadTextAsync("dst/moved/sub/leaf"));
        Assert.Empty(await fs.ListAsync("src"));
        Assert.Equal(2u, (await fs.StatAsync("src")).Nlink);
        Assert.Equal(3u, (await fs.StatAsync("dst")).Nlink);
        Assert.Equal(3u, (await fs.StatAsync("dst/moved")).Nlink);
    }

    [Theory, AllTargets]
    public async Task Rename_of_a_directory_over_an_empty_directory_replaces_it(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        await fs.MkdirAsync("a");
        await fs.WriteTextAsync("a/f", "x");
        await fs.MkdirAsync("empty");
        var rootLinks = (await fs.StatAsync("")).Nlink;
        await fs.RenameAsync("a", "empty");
        Assert.Equal(["empty"], await fs.ListAsync(""));
        Assert.Equal("x", await fs.ReadTextAsync("empty/f"));
        Assert.Equal(rootLinks - 1, (await fs.StatAsync("")).Nlink);
    }

    [Theory, AllTargets]
    public async Task Rename_refuses_what_POSIX_refuses(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        await fs.MkdirAsync("d");
        await fs.MkdirAsync("d/sub");
        await fs.MkdirAsync("full");
        await fs.WriteTextAsync("full/x", "x");
        await fs.WriteTextAsync("f", "f");

        await FsAssert.FailsAsync(FsError.NotFound, () => fs.RenameAsync("missing", "g"));
        await FsAssert.FailsAsync(FsError.NotEmpty, () => fs.RenameAsync("d", "full"));
        await FsAssert.FailsAsync(FsError.IsDirectory, () => fs.RenameAsync("f", "d"));
        await FsAssert.FailsAsync(FsError.NotDirectory, () => fs.RenameAsync("d", "f"));
        await FsAssert.FailsAsync(FsError.InvalidArgument, () => fs.RenameAsync("d", "d/sub/inside"));
        await FsAssert.FailsAsync(FsError.NotFound, () => fs.RenameAsync("f", "nodir/f"));

        Assert.Equal(["d", "f", "full"], await fs.ListAsync(""));
        Assert.Equal(["sub"], await fs.ListAsync("d"));
    }

    [Theory, AllTargets]
    public async Task Rename_onto_itself_or_another_link_of_itself_does_nothing(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        await fs.WriteTextAsync("f", "same");
        await fs.RenameAsync("f", "f");
        Assert.Equal("same", await fs.ReadTextAsync("f"));
        if (!fs.Features.HasFlag(FsFeatures.HardLinks))
        {
            // No second link to rename onto (docs/SEMANTICS.md: hard links are refused).
            await FsAssert.FailsWithOneOfAsync(() => fs.LinkAsync("f", "g"), FsError.NotSupported, FsError.NotPermitted);
            Assert.Equal(["f"], await fs.ListAsync(""));
            return;
        }
        await fs.LinkAsync("f", "g");
        await fs.RenameAsync("f", "g");
        Assert.Equal(["f", "g"], await fs.ListAsync(""));
        Assert.Equal(2u, (await fs.StatAsync("f")).Nlink);
    }

    [Theory, AllTargets]
    public async Task NoReplace_fails_with_EEXIST_when_the_target_exists(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        await fs.WriteTextAsync("a", "a");
        await fs.WriteTextAsync("b", "b");
        await FsAssert.FailsAsync(FsError.Exists, () => fs.RenameAsync("a", "b", RenameFlags.NoReplace));
        Assert.Equal("b", await fs.ReadTextAsync("b"));
        await fs.RenameAsync("a", "c", RenameFlags.NoReplace);
        Assert.Equal(["b", "c"], await fs.ListAsync(""));
    }

    [Theory, AllTargets]
    public async Task Exchange_swaps_two_names(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        await fs.MkdirAsync("dir");
        await fs.WriteTextAsync("dir/inner", "inner");
        await fs.WriteTextAsync("file", "file");
        if (!fs.Features.HasFlag(FsFeatures.RenameExchange))
        {
            await FsAssert.FailsAsync(FsError.InvalidArgument, () => fs.RenameAsync("dir", "file", RenameFlags.Exchange));
            return;
        }
        await fs.RenameAsync("dir", "file", RenameFlags.Exchange);
        Assert.Equal("file", await fs.ReadTextAsync("dir"));
        Assert.Equal("inner", await fs.ReadTextAsync("file/inner"));
        await FsAssert.FailsAsync(FsError.NotFound, () => fs.RenameAsync("dir", "missing", RenameFlags.Exchange));
        await FsAssert.FailsAsync(FsError.InvalidArgument,
            () => fs.RenameAsync("dir", "file", RenameFlags.Exchange | RenameFlags.NoReplace));
    }

    [Theory, AllTargets]
    public async Task Rename_marks_both_directories_and_the_moved_node(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        await fs.MkdirAsync("a");
        await fs.MkdirAsync("b");
        await fs.WriteTextAsync("a/f", "x");
        await AgeAsync(fs, "a");
        await AgeAsync(fs, "b");
        var before = await fs.StatAsync("a/f");
        await ClockStep();
        await fs.RenameAsync("a/f", "b/f");
        Assert.True((await fs.StatAsync("a")).Mtime > Past);
        Assert.True((await fs.StatAsync("b")).Mtime > Past);
        var after = await fs.StatAsync("b/f");
        Assert.Equal(before.Mtime, after.Mtime);
        Assert.True(after.Ctime > before.Ctime);
    }
}
