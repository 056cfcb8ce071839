using GatewayFs.Fs.Windows;

namespace GatewayFs.Tests.Fs.Windows;

public class DirectoryListingTests
{
    private static async Task<Harness> WithFilesAsync(int count)
    {
        var h = new Harness();
        await h.CloseAsync(await h.MkdirAsync(@"\d"));
        for (int i = 0; i < count; i++) await h.PutAsync($@"\d\f{i:D3}.{(i % 2 == 0 ? "txt" : "log")}", [(byte)i]);
        return h;
    }

    [Fact]
    public async Task Listing_in_small_batches_with_markers_yields_every_entry_once()
    {
        var h = await WithFilesAsync(25);
        var dir = await h.OpenAsync(@"\d", Harness.ReadData);
        var seen = new List<string>();
        string? marker = null;
        for (int rounds = 0; rounds < 100; rounds++)
        {
            var sink = new CollectingSink(capacity: 4);
            Assert.Equal(NtStatus.Success, await h.Ops.ReadDirectoryAsync(dir, null, marker, sink, h.Ct));
            seen.AddRange(sink.Names);
            if (sink.Ended) break;
            marker = sink.Entries[^1].Name;
        }
        var expected = new[] { ".", ".." }.Concat(Enumerable.Range(0, 25).Select(i => $"f{i:D3}.{(i % 2 == 0 ? "txt" : "log")}"));
        Assert.Equal(expected.Order(), seen.Order());
        await h.CloseAsync(dir);
        h.AssertNoReferencesLeft();
    }

    [Fact]
    public async Task An_unknown_marker_rescans_and_resumes_after_that_name()
    {
        var h = await WithFilesAsync(6);
        var first = await h.OpenAsync(@"\d", Harness.ReadData);
        var all = new CollectingSink();
        await h.Ops.ReadDirectoryAsync(first, null, null, all, h.Ct);
        await h.CloseAsync(first);

        // A fresh handle never handed out "f002.txt": it must still continue right after it.
        var dir = await h.OpenAsync(@"\d", Harness.ReadData);
        var rest = new CollectingSink();
        await h.Ops.ReadDirectoryAsync(dir, null, "f002.txt", rest, h.Ct);
        var names = all.Names.ToList();
        Assert.Equal(names.Skip(names.IndexOf("f002.txt") + 1), rest.Names);
        Assert.True(rest.Ended);
        await h.CloseAsync(dir);
    }

    [Fact]
    public async Task Pattern_filters_and_root_has_no_dot_entries()
    {
        var h = await WithFilesAsync(6);
        var dir = await h.OpenAsync(@"\d", Harness.ReadData);
        var sink = new CollectingSink();
        await h.Ops.ReadDirectoryAsync(dir, "*.TXT", null, sink, h.Ct);
        Assert.Equal(["f000.txt", "f002.txt", "f004.txt"], sink.Names.Order());
        Assert.All(sink.Entries, e => Assert.Equal(1ul, e.Info.FileSize));
        await h.CloseAsync(dir);

        var root = await h.OpenAsync(@"\", Harness.ReadData);
        var top = new CollectingSink();
        await h.Ops.ReadDirectoryAsync(root, null, null, top, h.Ct);
        Assert.Equal(["d"], top.Names);
        Assert.Equal(0x10u, top.Entries[0].Info.FileAttributes);
        await h.CloseAsync(root);
        h.AssertNoReferencesLeft();
    }

    [Fact]
    public async Task Listing_a_file_is_refused()
    {
        var h = await WithFilesAsync(1);
        var f = await h.OpenAsync(@"\d\f000.txt", Harness.ReadData);
        Assert.Equal(NtStatus.NotADirectory, await h.Ops.ReadDirectoryAsync(f, null, null, new CollectingSink(), h.Ct));
        await h.CloseAsync(f);
    }
}
