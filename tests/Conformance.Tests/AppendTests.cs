namespace GatewayFs.Tests.Conformance;

public class AppendTests
{
    private const OpenFlags AppendWrite = OpenFlags.WriteOnly | OpenFlags.Append;

    [Theory, AllTargets]
    public async Task Append_writes_go_to_the_end_whatever_the_position(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        await fs.WriteTextAsync("log", "one\n");
        await using (var f = await fs.OpenAsync("log", OpenFlags.ReadWrite | OpenFlags.Append))
        {
            await f.SeekAsync(0, SeekOrigin.Begin);
            await f.WriteAllAsync("two\n"u8.ToArray());
            Assert.Equal(8, await f.SeekAsync(0, SeekOrigin.Current));
            await f.SeekAsync(1, SeekOrigin.Begin);
            await f.WriteAllAsync("three\n"u8.ToArray());
        }
        Assert.Equal("one\ntwo\nthree\n", await fs.ReadTextAsync("log"));
    }

    [Theory, AllTargets]
    public async Task Two_append_descriptors_never_overwrite_each_other(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        await using (var a = await fs.OpenAsync("log", AppendWrite | OpenFlags.Create))
        await using (var b = await fs.OpenAsync("log", AppendWrite))
        {
            for (int i = 0; i < 50; i++)
            {
                await a.WriteAllAsync("aaaa"u8.ToArray());
                await b.WriteAllAsync("bb"u8.ToArray());
            }
        }
        var text = await fs.ReadTextAsync("log");
        Assert.Equal(50 * 6, text.Length);
        Assert.Equal(string.Concat(Enumerable.Repeat("aaaabb", 50)), text);
    }

    [Theory, AllTargets]
    public async Task Append_after_growth_by_another_descriptor_lands_after_it(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        await using var log = await fs.OpenAsync("log", AppendWrite | OpenFlags.Create);
        await log.WriteAllAsync("1"u8.ToArray());
        await using (var other = await fs.OpenAsync("log", OpenFlags.WriteOnly))
            await other.PwriteAsync(1, "2345"u8.ToArray());
        await log.WriteAllAsync("6"u8.ToArray());
        Assert.Equal("123456", await fs.ReadTextAsync("log"));
    }

    [Theory, AllTargets]
    public async Task Pwrite_on_an_append_descriptor_appends_as_on_Linux(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        await fs.WriteTextAsync("f", "abc");
        await using (var f = await fs.OpenAsync("f", AppendWrite))
            await f.PwriteAsync(0, "XY"u8.ToArray());
        Assert.Equal("abcXY", await fs.ReadTextAsync("f"));
    }
}
