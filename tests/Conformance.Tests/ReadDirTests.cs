namespace GatewayFs.Tests.Conformance;

public class ReadDirTests
{
    private const int Many = 10_000;

    private static string Name(int i) => $"entry-{i:D5}";

    private static async Task CreateManyAsync(IFsSession fs, string dir, int count = Many)
    {
        await fs.MkdirAsync(dir);
        for (int i = 0; i < count; i++)
            await using (await fs.OpenAsync($"{dir}/{Name(i)}", OpenFlags.WriteOnly | OpenFlags.Create | OpenFlags.Exclusive)) { }
    }

    [Theory, AllTargets]
    public async Task Ten_thousand_entries_are_listed_exactly_once(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        await CreateManyAsync(fs, "big");
        var seen = new List<string>();
        await foreach (var name in fs.ReadDirAsync("big")) seen.Add(name);

        Assert.Equal(Many + 2, seen.Count);
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Contains(".", seen);
        Assert.Contains("..", seen);
        Assert.Equal(Enumerable.Range(0, Many).Select(Name), seen.Where(n => n.StartsWith("entry-")).Order(StringComparer.Ordinal));
    }

    [Theory, AllTargets]
    public async Task Listing_while_entries_are_removed_neither_repeats_nor_skips_survivors(string target)
    {
        // Three LIST pages of a cached volume; each unlink there is a DELETE, so 10,000 entries
        // would spend minutes in the test server and show nothing more.
        const int count = 3000;
        await using var fs = await Targets.OpenAsync(target);
        await CreateManyAsync(fs, "big", count);
        var seen = new List<string>();
        var removed = new HashSet<string>();
        await foreach (var name in fs.ReadDirAsync("big"))
        {
            seen.Add(name);
            if (seen.Count == 1000)
            {
                // Remove every third entry, seen or not; the stream is in the middle of the directory.
                for (int i = 0; i < count; i += 3)
                {
                    await fs.UnlinkAsync($"big/{Name(i)}");
                    removed.Add(Name(i));
                }
            }
        }
        Assert.Equal(seen.Count, seen.Distinct().Count());
        var survivors = Enumerable.Range(0, count).Select(Name).Where(n => !removed.Contains(n));
        Assert.Empty(survivors.Except(seen));
        // A removed name the listing still showed is gone all the same (readdirplus must not revive it).
        foreach (var name in removed.Intersect(seen.Skip(1000)).Take(50))
            await FsAssert.FailsAsync(FsError.NotFound, () => fs.StatAsync($"big/{name}"));
        Assert.Equal(count - removed.Count, (await fs.ListAsync("big")).Count);
    }

    [Theory, AllTargets]
    public async Task Listing_while_entries_are_added_shows_every_old_entry_once(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        await fs.MkdirAsync("d");
        for (int i = 0; i < 500; i++) await fs.WriteTextAsync($"d/{Name(i)}", "");
        var seen = new List<string>();
        await foreach (var name in fs.ReadDirAsync("d"))
        {
            seen.Add(name);
            if (seen.Count == 100)
                for (int i = 0; i < 200; i++) await fs.WriteTextAsync($"d/added-{i}", "");
        }
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Empty(Enumerable.Range(0, 500).Select(Name).Except(seen));
    }

    [Theory, AllTargets]
    public async Task An_empty_directory_lists_dot_and_dotdot(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        await fs.MkdirAsync("e");
        var seen = new List<string>();
        await foreach (var name in fs.ReadDirAsync("e")) seen.Add(name);
        Assert.Equal([".", ".."], seen.Order(StringComparer.Ordinal));
    }

    [Theory, AllTargets]
    public async Task Listing_shows_every_kind_of_entry_with_long_and_unicode_names(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        string longName = NameOfLength(fs.Features.HasFlag(FsFeatures.LongNames) ? 255 : (int)(await fs.StatFsAsync("")).NameMax);
        string unicode = "日本語 ñ €";
        await fs.MkdirAsync("sub");
        await fs.WriteTextAsync(longName, "");
        await fs.WriteTextAsync(unicode, "");
        await fs.SymlinkAsync("sub", "link");
        Assert.Equal(new[] { longName, "link", "sub", unicode }.Order(StringComparer.Ordinal), await fs.ListAsync(""));
    }

    [Theory, AllTargets]
    public async Task Listing_a_file_fails_with_ENOTDIR(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        await fs.WriteTextAsync("f", "");
        await FsAssert.FailsAsync(FsError.NotDirectory, () => fs.ListAsync("f"));
        await FsAssert.FailsAsync(FsError.NotFound, () => fs.ListAsync("missing"));
    }
}
