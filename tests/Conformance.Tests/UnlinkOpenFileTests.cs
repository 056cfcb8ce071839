namespace GatewayFs.Tests.Conformance;

public class UnlinkOpenFileTests
{
    [Theory, AllTargets]
    public async Task An_unlinked_open_file_stays_readable_and_writable_through_its_descriptor(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        var data = TestData.Bytes(500_000);
        await fs.WriteFileAsync("f", data);
        await using (var f = await fs.OpenAsync("f", OpenFlags.ReadWrite))
        {
            await fs.UnlinkAsync("f");

            await FsAssert.FailsAsync(FsError.NotFound, () => fs.StatAsync("f"));
            Assert.Empty(await fs.ListAsync(""));
            SameBytes(data, await f.ReadToEndAsync());
            var a = await f.StatAsync();
            Assert.Equal(0u, a.Nlink);
            Assert.Equal(data.Length, a.Size);

            await f.PwriteAsync(data.Length, "more"u8.ToArray());
            Assert.Equal("more"u8.ToArray(), await f.PreadExactAsync(data.Length, 10));
            await f.FsyncAsync();
        }
        Assert.False(await fs.ExistsAsync("f"));
    }

    [Theory, AllTargets]
    public async Task An_unlinked_open_file_whose_data_is_only_in_the_store_keeps_its_bytes(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        var data = TestData.Bytes(3_000_000, seed: 7);
        await fs.WriteFileAsync("f", data);
        await fs.SettleAsync();
        // O_DIRECT: through a mount, the reads must reach the volume, not the kernel's page cache.
        await using var f = await fs.OpenAsync("f", OpenFlags.ReadOnly | OpenFlags.Direct);
        Assert.Equal(data.AsSpan(0, 1000).ToArray(), await f.PreadExactAsync(0, 1000));
        await fs.UnlinkAsync("f");
        await FsAssert.FailsAsync(FsError.NotFound, () => fs.StatAsync("f"));
        SameBytes(data, await f.PreadExactAsync(0, data.Length + 10));
        Assert.Equal(0u, (await f.StatAsync()).Nlink);
    }

    [Theory, AllTargets]
    public async Task A_new_file_under_the_same_name_is_independent_of_the_unlinked_one(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        await fs.WriteTextAsync("f", "first");
        await using var first = await fs.OpenAsync("f", OpenFlags.ReadOnly);
        await fs.UnlinkAsync("f");
        await fs.WriteTextAsync("f", "second, longer");

        Assert.Equal("first"u8.ToArray(), await first.ReadToEndAsync());
        Assert.Equal("second, longer", await fs.ReadTextAsync("f"));
        Assert.NotEqual((await first.StatAsync()).Ino, (await fs.StatAsync("f")).Ino);
    }

    [Theory, AllTargets]
    public async Task Unlink_marks_the_directory_and_removes_the_name(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        await fs.MkdirAsync("d");
        await fs.WriteTextAsync("d/f", "x");
        await AgeAsync(fs, "d");
        await fs.UnlinkAsync("d/f");
        Assert.True((await fs.StatAsync("d")).Mtime > Past);
        Assert.Empty(await fs.ListAsync("d"));
        await FsAssert.FailsAsync(FsError.NotFound, () => fs.UnlinkAsync("d/f"));
    }

    [Theory, AllTargets]
    public async Task Many_descriptors_keep_an_unlinked_file_until_the_last_closes(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        await fs.WriteTextAsync("f", "shared");
        var a = await fs.OpenAsync("f", OpenFlags.ReadOnly);
        await using var b = await fs.OpenAsync("f", OpenFlags.ReadWrite);
        await fs.UnlinkAsync("f");
        await a.DisposeAsync();
        Assert.Equal("shared"u8.ToArray(), await b.PreadExactAsync(0, 100));
        await b.PwriteAsync(0, "SH"u8.ToArray());
        Assert.Equal("SHared"u8.ToArray(), await b.PreadExactAsync(0, 100));
    }
}
