namespace GatewayFs.Tests.Conformance;

public class WriteReadTests
{
    [Theory, AllTargets]
    public async Task Written_bytes_read_back_after_reopen(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        foreach (int size in new[] { 1, 4095, 4096, 4097, 1 << 20, (3 << 20) + 17 })
        {
            var data = TestData.Bytes(size, seed: size);
            await fs.WriteFileAsync($"f{size}", data);
            Assert.Equal(size, (await fs.StatAsync($"f{size}")).Size);
            SameBytes(data, await fs.ReadFileAsync($"f{size}"), $"{size}-byte file");
        }
    }

    [Theory, AllTargets]
    public async Task One_large_write_and_one_large_read_move_all_bytes(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        var data = TestData.Bytes(8 << 20, seed: 8);
        await using var f = await fs.OpenAsync("big", OpenFlags.ReadWrite | OpenFlags.Create);
        Assert.Equal(data.Length, await f.PwriteAsync(0, data));
        var back = new byte[data.Length];
        Assert.Equal(data.Length, await f.PreadAsync(0, back));
        SameBytes(data, back);
    }

    [Theory, AllTargets]
    public async Task Random_overlapping_writes_match_a_model(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        var model = new byte[1 << 20];
        long size = 0;
        var rnd = new Random(42);
        await using (var f = await fs.OpenAsync("f", OpenFlags.ReadWrite | OpenFlags.Create))
        {
            for (int i = 0; i < 200; i++)
            {
                int offset = rnd.Next(model.Length - 70_000);
                var chunk = TestData.Bytes(rnd.Next(1, 70_000), seed: i);
                Assert.Equal(chunk.Length, await f.PwriteAsync(offset, chunk));
                chunk.CopyTo(model, offset);
                size = Math.Max(size, offset + chunk.Length);
                if (i % 50 == 49)
                {
                    int at = rnd.Next((int)size);
                    var read = await f.PreadExactAsync(at, 100_000);
                    SameBytes(model.AsMemory(at, (int)Math.Min(100_000, size - at)), read, $"after write {i}");
                }
            }
        }
        SameBytes(model.AsMemory(0, (int)size), await fs.ReadFileAsync("f"));
    }

    [Theory, AllTargets]
    public async Task Reads_stop_at_the_end_of_the_file(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        await fs.WriteFileAsync("f", TestData.Bytes(1000));
        await using var f = await fs.OpenAsync("f", OpenFlags.ReadOnly);
        var buffer = new byte[4096];
        Assert.Equal(1000, await f.PreadAsync(0, buffer));
        Assert.Equal(100, await f.PreadAsync(900, buffer));
        Assert.Equal(0, await f.PreadAsync(1000, buffer));
        Assert.Equal(0, await f.PreadAsync(1 << 30, buffer));
    }

    [Theory, AllTargets]
    public async Task Writing_marks_mtime_and_ctime(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        await fs.WriteTextAsync("f", "a");
        await AgeAsync(fs, "f");
        var aged = await fs.StatAsync("f");
        await ClockStep();
        await using (var f = await fs.OpenAsync("f", OpenFlags.WriteOnly))
        {
            await f.PwriteAsync(1, "bc"u8.ToArray());
            var a = await f.StatAsync();
            Assert.True(a.Mtime > Past);
            Assert.True(a.Ctime > aged.Ctime);
            Assert.Equal(3, a.Size);
        }
        Assert.Equal("abc", await fs.ReadTextAsync("f"));
    }

    [Theory, AllTargets]
    public async Task Access_mode_of_the_descriptor_is_enforced_with_EBADF(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        await fs.WriteTextAsync("f", "data");
        await using (var ro = await fs.OpenAsync("f", OpenFlags.ReadOnly))
            await FsAssert.FailsAsync(FsError.BadHandle, () => ro.PwriteAsync(0, "x"u8.ToArray()));
        await using (var wo = await fs.OpenAsync("f", OpenFlags.WriteOnly))
            await FsAssert.FailsAsync(FsError.BadHandle, () => wo.PreadAsync(0, new byte[4]));
        Assert.Equal("data", await fs.ReadTextAsync("f"));
    }

    [Theory, AllTargets]
    public async Task Two_descriptors_see_each_others_writes(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        await using var a = await fs.OpenAsync("f", OpenFlags.ReadWrite | OpenFlags.Create);
        await using var b = await fs.OpenAsync("f", OpenFlags.ReadWrite);
        await a.PwriteAsync(0, "hello"u8.ToArray());
        Assert.Equal("hello"u8.ToArray(), await b.PreadExactAsync(0, 5));
        await b.PwriteAsync(5, " world"u8.ToArray());
        Assert.Equal("hello world"u8.ToArray(), await a.PreadExactAsync(0, 100));
        Assert.Equal(11, (await a.StatAsync()).Size);
    }

    [Theory, AllTargets]
    public async Task Fsync_and_fdatasync_succeed_and_keep_the_data(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        var data = TestData.Bytes(300_000);
        await using (var f = await fs.OpenAsync("f", OpenFlags.WriteOnly | OpenFlags.Create))
        {
            await f.WriteAllAsync(data);
            await f.FsyncAsync();
            await f.WriteAllAsync(data);
            await f.FsyncAsync(dataOnly: true);
        }
        Assert.True(data.Concat(data).SequenceEqual(await fs.ReadFileAsync("f")));
    }

    [Theory, AllTargets]
    public async Task Sequential_reads_and_writes_advance_the_position(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        await using var f = await fs.OpenAsync("f", OpenFlags.ReadWrite | OpenFlags.Create);
        await f.WriteAllAsync("abc"u8.ToArray());
        await f.WriteAllAsync("def"u8.ToArray());
        Assert.Equal(6, await f.SeekAsync(0, SeekOrigin.Current));
        await f.SeekAsync(0, SeekOrigin.Begin);
        var two = new byte[2];
        Assert.Equal(2, await f.ReadAsync(two));
        Assert.Equal("ab"u8.ToArray(), two);
        Assert.Equal(2, await f.ReadAsync(two));
        Assert.Equal("cd"u8.ToArray(), two);
        Assert.Equal("ef"u8.ToArray(), await f.ReadToEndAsync());
    }
}
