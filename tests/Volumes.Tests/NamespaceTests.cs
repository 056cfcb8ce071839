using GatewayFs.Fs;
using GatewayFs.Tests.Volumes.Support;
using GatewayFs.TestKit.S3;
using GatewayFs.Volumes;
using Xunit;

namespace GatewayFs.Tests.Volumes;

[Collection(S3rverCollection.Name)]
public sealed class NamespaceTests : InProcessTestBase
{
    public NamespaceTests(S3rverFixture s3) : base(s3) { }

    [Fact]
    public async Task Rename_moves_files_and_whole_directories_object_by_object()
    {
        byte[] a = Bytes.Random(5000, 1), b = Bytes.Random(7000, 2);
        await Fs.MkdirAsync("d");
        await Fs.MkdirAsync("d/e");
        await Fs.WriteFileAsync("d/a", a);
        await Fs.WriteFileAsync("d/e/b", b);
        await V.FlushAsync();
        await Fs.WriteFileAsync("d/pending", [9, 9]); // not uploaded yet when the directory moves

        await Fs.RenameAsync("d", "moved");
        await Fs.RenameAsync("moved/a", "moved/a2");
        await V.FlushAsync();

        Assert.Equal(a, await Fs.ReadFileAsync("moved/a2"));
        Assert.Equal(b, await Fs.ReadFileAsync("moved/e/b"));
        Assert.Equal([9, 9], await Fs.ReadFileAsync("moved/pending"));
        Assert.Null(await Fs.TryLookupAsync("d"));
        var keys = await Raw.KeysAsync(Prefix);
        Assert.Equal(new[] { "moved/", "moved/a2", "moved/e/", "moved/e/b", "moved/pending" }.Select(k => Prefix + k).Order(), keys.Order());
        Assert.Equal(a, await Raw.GetAsync(Prefix + "moved/a2"));
    }

    [Fact]
    public async Task Rename_over_an_existing_file_replaces_it_and_noreplace_refuses()
    {
        await Fs.WriteFileAsync("x", [1]);
        await Fs.WriteFileAsync("y", [2, 2]);
        await V.FlushAsync();
        await FsDriver.ExpectAsync(FsError.Exists, () => Fs.RenameAsync("x", "y", RenameFlags.NoReplace));
        await FsDriver.ExpectAsync(FsError.InvalidArgument, () => Fs.RenameAsync("x", "y", RenameFlags.Exchange));
        await Fs.RenameAsync("x", "y");
        Assert.Equal([1], await Fs.ReadFileAsync("y"));
        await V.FlushAsync();
        Assert.Equal(new[] { Prefix + "y" }, await Raw.KeysAsync(Prefix));
        Assert.Equal([1], await Raw.GetAsync(Prefix + "y"));
    }

    [Fact]
    public async Task Unlink_of_a_file_waiting_for_upload_cancels_the_upload()
    {
        await RestartAsync(keepCache: false, o => o with { Prefix = Prefix, WriteBackDelay = TimeSpan.FromHours(1) });
        await Fs.WriteFileAsync("gone", Bytes.Random(100_000, 3));
        Assert.Equal(1, V.Volume.GetStatus().DirtyFiles);
        await Fs.UnlinkAsync("gone");
        Assert.Null(await Fs.TryLookupAsync("gone"));
        await V.FlushAsync();
        var status = V.Volume.GetStatus();
        Assert.Equal((0, 0L), (status.DirtyFiles, status.DirtyBytes));
        Assert.Equal(0, V.Store.Count("Put"));
        Assert.Empty(await Raw.KeysAsync(Prefix));
    }

    [Fact]
    public async Task Rmdir_refuses_non_empty_directories_and_removes_empty_ones()
    {
        await Fs.MkdirAsync("d");
        await Fs.WriteFileAsync("d/f", [1]);
        await FsDriver.ExpectAsync(FsError.NotEmpty, () => Fs.RmdirAsync("d"));
        await V.FlushAsync();
        await RestartAsync(keepCache: false);
        await FsDriver.ExpectAsync(FsError.NotEmpty, () => Fs.RmdirAsync("d"));
        await FsDriver.ExpectAsync(FsError.NotDirectory, () => Fs.RmdirAsync("d/f"));
        await FsDriver.ExpectAsync(FsError.IsDirectory, () => Fs.UnlinkAsync("d"));
        await Fs.UnlinkAsync("d/f");
        await Fs.RmdirAsync("d");
        Assert.Null(await Fs.TryLookupAsync("d"));
        Assert.Empty(await Raw.KeysAsync(Prefix));
    }

    [Fact]
    public async Task Listing_more_than_a_page_uses_list_data_without_a_head_per_object()
    {
        const int count = 1200;
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (i, _) => await Raw.PutAsync($"{Prefix}many/f{i:D5}", Bytes.Random(i % 100 + 1, i)));
        V.Store.ResetCounts();

        var entries = await Fs.ListAsync("many");
        Assert.Equal(count, entries.Count);
        Assert.All(entries, e => Assert.Equal(int.Parse(e.Name[1..]) % 100 + 1, e.Entry.Attr.Size));
        Assert.InRange(V.Store.Count("Head"), 0, 1); // only the marker of "many" itself, on its lookup
        Assert.InRange(V.Store.Count("List"), 2, 4); // two pages (plus the lookup of "many")

        // A lookup of a listed name needs no listing; it HEADs that one object for its metadata.
        int heads = V.Store.Count("Head");
        await Fs.StatAsync("many/f00007");
        Assert.InRange(V.Store.Count("Head"), heads, heads + 1);
        Assert.InRange(V.Store.Count("List"), 2, 4);
    }

    [Fact]
    public async Task Creating_files_in_a_new_directory_asks_the_store_nothing()
    {
        await Fs.MkdirAsync("fresh");
        V.Store.ResetCounts();
        for (int i = 0; i < 50; i++) await Fs.WriteFileAsync($"fresh/f{i}", [(byte)i]);
        Assert.Equal(0, V.Store.Count("Head") + V.Store.Count("List") + V.Store.Count("Get"));
        Assert.Equal(50, (await Fs.ListAsync("fresh")).Count);
    }

    [Fact]
    public async Task Open_keeps_the_kernel_cache_only_while_the_object_is_unchanged()
    {
        await RestartAsync(keepCache: false, o => o with { Prefix = Prefix, MetadataTtl = TimeSpan.FromMilliseconds(300) });
        await Raw.PutAsync(Prefix + "k", [1, 2, 3]);
        ulong node = await Fs.NodeAsync("k");
        async Task<bool> KeepCacheAsync()
        {
            var o = await Fs.Fs.OpenAsync(node, OpenFlags.ReadOnly, FsDriver.Caller, CancellationToken.None);
            await Fs.Fs.ReleaseAsync(node, o.Handle, CancellationToken.None);
            return o.KeepCache;
        }
        Assert.False(await KeepCacheAsync()); // first open: nothing cached to keep
        Assert.True(await KeepCacheAsync());
        await Task.Delay(400);
        Assert.True(await KeepCacheAsync()); // revalidated after the TTL: same ETag
        await Raw.PutAsync(Prefix + "k", [4, 5, 6, 7]);
        await Task.Delay(400);
        Assert.False(await KeepCacheAsync()); // changed by another client
        Assert.Equal([4, 5, 6, 7], await Fs.ReadFileAsync("k"));
    }

    [Fact]
    public async Task A_change_by_another_client_is_seen_after_the_ttl_and_never_mixed_with_cached_blocks()
    {
        await RestartAsync(keepCache: false, o => o with { Prefix = Prefix, MetadataTtl = TimeSpan.FromMilliseconds(300) });
        byte[] v1 = Bytes.Random(3 << 20, 1), v2 = Bytes.Random(3 << 20, 2);
        await Raw.PutAsync(Prefix + "shared", v1);
        Assert.Equal(v1, await Fs.ReadFileAsync("shared"));
        await Raw.PutAsync(Prefix + "shared", v2);
        await Task.Delay(400);
        Assert.Equal(v2, await Fs.ReadFileAsync("shared"));
    }
}
