namespace GatewayFs.Tests.Conformance;

public class CreateTests
{
    [Theory, AllTargets]
    public async Task New_file_is_an_empty_regular_file_with_the_masked_mode(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        await using (await fs.OpenAsync("f", OpenFlags.WriteOnly | OpenFlags.Create | OpenFlags.Exclusive, 0x1B6 /* 0666 */)) { }

        var a = await fs.StatAsync("f");
        Assert.True(FileModes.IsRegular(a.Mode));
        Assert.Equal(Masked(fs, 0x1B6), Perm(a.Mode));
        Assert.Equal(0, a.Size);
        Assert.Equal(1u, a.Nlink);
        Assert.Equal(a.Mtime, a.Ctime);
        Assert.NotEqual(0ul, a.Ino);
    }

    [Theory, AllTargets]
    public async Task Exclusive_create_of_an_existing_name_fails_with_EEXIST(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        await fs.WriteTextAsync("f", "keep");
        await FsAssert.FailsAsync(FsError.Exists, () => fs.OpenAsync("f", OpenFlags.WriteOnly | OpenFlags.Create | OpenFlags.Exclusive));
        await fs.MkdirAsync("d");
        await FsAssert.FailsAsync(FsError.Exists, () => fs.OpenAsync("d", OpenFlags.WriteOnly | OpenFlags.Create | OpenFlags.Exclusive));
        Assert.Equal("keep", await fs.ReadTextAsync("f"));
    }

    [Theory, AllTargets]
    public async Task Create_without_exclusive_opens_the_existing_file_and_keeps_its_data(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        await fs.WriteTextAsync("f", "hello");
        var before = await fs.StatAsync("f");
        await using (var f = await fs.OpenAsync("f", OpenFlags.ReadWrite | OpenFlags.Create, 0x180))
        {
            var data = await f.ReadToEndAsync();
            Assert.Equal("hello", System.Text.Encoding.UTF8.GetString(data));
        }
        var after = await fs.StatAsync("f");
        Assert.Equal(before.Ino, after.Ino);
        Assert.Equal(Perm(before.Mode), Perm(after.Mode)); // the mode argument only applies to new files
    }

    [Theory, AllTargets]
    public async Task Create_marks_the_parent_directory_modified(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        await fs.MkdirAsync("d");
        await AgeAsync(fs, "d");
        await fs.WriteTextAsync("d/f", "x");
        var d = await fs.StatAsync("d");
        Assert.True(d.Mtime > Past);
        Assert.True(d.Ctime > Past);
    }

    [Theory, AllTargets]
    public async Task Created_files_are_listed_and_have_distinct_inode_numbers(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        string[] names = ["a", "b c", "ünïcödé", "dot.ted", ".hidden", "x-".PadRight(200, 'y')];
        foreach (var n in names) await fs.WriteTextAsync(n, n);
        Assert.Equal(names.Order(StringComparer.Ordinal), await fs.ListAsync(""));
        var inodes = new HashSet<ulong>();
        foreach (var n in names)
        {
            Assert.Equal(n, await fs.ReadTextAsync(n));
            Assert.True(inodes.Add((await fs.StatAsync(n)).Ino));
        }
    }

    [Theory, AllTargets]
    public async Task Create_with_truncate_empties_an_existing_file(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        await fs.WriteFileAsync("f", TestData.Bytes(100_000));
        await AgeAsync(fs, "f");
        await using (await fs.OpenAsync("f", OpenFlags.WriteOnly | OpenFlags.Create | OpenFlags.Truncate)) { }
        var a = await fs.StatAsync("f");
        Assert.Equal(0, a.Size);
        Assert.True(a.Mtime > Past);
    }
}
