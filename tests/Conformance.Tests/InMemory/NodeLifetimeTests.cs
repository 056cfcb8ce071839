using GatewayFs.TestKit.InMemory;

namespace GatewayFs.Tests.Conformance.InMemory;

/// <summary>The reference filesystem's node lifetime: lookups, forgets, handles and links.</summary>
public class NodeLifetimeTests
{
    private const ulong Root = InMemoryFileSystem.RootId;
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_node_is_freed_only_when_unlinked_forgotten_and_closed()
    {
        var fs = new InMemoryFileSystem();
        var created = await fs.CreateAsync(Root, "f", 0x1A4, OpenFlags.ReadWrite, FsCaller.Self, None);
        ulong node = created.Entry.NodeId;
        Assert.Equal(1ul, fs.LookupCount(node));
        Assert.Equal(2, fs.NodeCount);

        await fs.UnlinkAsync(Root, "f", None);
        Assert.Equal(2, fs.NodeCount); // looked up and open
        await fs.ReleaseAsync(node, created.Open.Handle, None);
        Assert.Equal(2, fs.NodeCount); // still looked up
        Assert.Equal(0u, (await fs.GetAttrAsync(node, null, None)).Attr.Nlink);
        fs.Forget(node, 1);
        Assert.Equal(1, fs.NodeCount);
        await FsAssert.FailsAsync(FsError.NotFound, () => fs.GetAttrAsync(node, null, None));
    }

    [Fact]
    public async Task Forgetting_a_linked_node_keeps_it_and_a_later_lookup_finds_it()
    {
        var fs = new InMemoryFileSystem();
        var created = await fs.CreateAsync(Root, "f", 0x1A4, OpenFlags.WriteOnly, FsCaller.Self, None);
        await fs.WriteAsync(created.Entry.NodeId, created.Open.Handle, 0, "data"u8.ToArray(), None);
        await fs.ReleaseAsync(created.Entry.NodeId, created.Open.Handle, None);
        fs.Forget(created.Entry.NodeId, 1);
        Assert.Equal(0ul, fs.LookupCount(created.Entry.NodeId));

        var again = await fs.LookupAsync(Root, "f", None);
        Assert.Equal(created.Entry.NodeId, again!.Value.NodeId);
        Assert.Equal(4, again.Value.Attr.Size);
        Assert.Equal(1ul, fs.LookupCount(created.Entry.NodeId));
    }

    [Fact]
    public async Task Readdir_plus_counts_a_lookup_for_each_accepted_entry_except_dot_and_dotdot()
    {
        var fs = new InMemoryFileSystem();
        var ids = new List<ulong>();
        foreach (var name in new[] { "a", "b", "c" })
            ids.Add((await fs.MkdirAsync(Root, name, 0x1ED, FsCaller.Self, None)).NodeId);
        foreach (var id in ids) fs.Forget(id, 1);

        ulong dir = await fs.OpenDirAsync(Root, None);
        var sink = new CollectingSink(plus: true, limit: 4); // ".", "..", "a", "b" fit; "c" is refused
        await fs.ReadDirAsync(Root, dir, 0, sink, None);
        Assert.Equal([".", "..", "a", "b"], sink.Entries.Select(e => e.Name));
        Assert.Equal([1ul, 1ul, 0ul], ids.Select(fs.LookupCount));

        var plain = new CollectingSink(plus: false);
        await fs.ReadDirAsync(Root, dir, sink.Entries[^1].Next, plain, None);
        Assert.Equal(["c"], plain.Entries.Select(e => e.Name));
        Assert.Equal(0ul, fs.LookupCount(ids[2]));
        await fs.ReleaseDirAsync(Root, dir, None);
    }

    [Fact]
    public async Task Lookup_of_dot_and_dotdot_resolves_and_counts()
    {
        var fs = new InMemoryFileSystem();
        var d = await fs.MkdirAsync(Root, "d", 0x1ED, FsCaller.Self, None);
        Assert.Equal(d.NodeId, (await fs.LookupAsync(d.NodeId, ".", None))!.Value.NodeId);
        Assert.Equal(Root, (await fs.LookupAsync(d.NodeId, "..", None))!.Value.NodeId);
        Assert.Equal(2ul, fs.LookupCount(d.NodeId));
        Assert.Null(await fs.LookupAsync(d.NodeId, "missing", None));
    }

    [Fact]
    public async Task A_removed_directory_open_for_listing_lives_until_released_and_takes_no_new_entries()
    {
        var fs = new InMemoryFileSystem();
        var d = await fs.MkdirAsync(Root, "d", 0x1ED, FsCaller.Self, None);
        ulong handle = await fs.OpenDirAsync(d.NodeId, None);
        fs.Forget(d.NodeId, 1);
        await fs.RmdirAsync(Root, "d", None);
        await FsAssert.FailsAsync(FsError.NotFound, () => fs.MkdirAsync(d.NodeId, "x", 0x1ED, FsCaller.Self, None));
        var sink = new CollectingSink(plus: false);
        await fs.ReadDirAsync(d.NodeId, handle, 0, sink, None);
        Assert.Equal([".", ".."], sink.Entries.Select(e => e.Name));
        await fs.ReleaseDirAsync(d.NodeId, handle, None);
        Assert.Equal(1, fs.NodeCount);
    }

    [Fact]
    public async Task Handles_are_checked_against_their_node_and_access_mode()
    {
        var fs = new InMemoryFileSystem();
        var a = await fs.CreateAsync(Root, "a", 0x1A4, OpenFlags.ReadOnly, FsCaller.Self, None);
        var b = await fs.CreateAsync(Root, "b", 0x1A4, OpenFlags.ReadWrite, FsCaller.Self, None);
        await FsAssert.FailsAsync(FsError.BadHandle, () => fs.WriteAsync(a.Entry.NodeId, a.Open.Handle, 0, new byte[1], None));
        await FsAssert.FailsAsync(FsError.BadHandle, () => fs.ReadAsync(a.Entry.NodeId, b.Open.Handle, 0, new byte[1], None));
        await FsAssert.FailsAsync(FsError.BadHandle, () => fs.ReadAsync(a.Entry.NodeId, 999_999, 0, new byte[1], None));
        await fs.ReleaseAsync(b.Entry.NodeId, b.Open.Handle, None);
        await FsAssert.FailsAsync(FsError.BadHandle, () => fs.ReleaseAsync(b.Entry.NodeId, b.Open.Handle, None));
        Assert.Equal(1, fs.HandleCount);
    }

    [Fact]
    public async Task Exchanging_directories_across_parents_moves_their_link_counts()
    {
        var fs = new InMemoryFileSystem();
        var p = await fs.MkdirAsync(Root, "p", 0x1ED, FsCaller.Self, None);
        var q = await fs.MkdirAsync(Root, "q", 0x1ED, FsCaller.Self, None);
        await fs.MkdirAsync(p.NodeId, "dir", 0x1ED, FsCaller.Self, None);
        await fs.CreateAsync(q.NodeId, "file", 0x1A4, OpenFlags.ReadOnly, FsCaller.Self, None);
        await fs.RenameAsync(p.NodeId, "dir", q.NodeId, "file", RenameFlags.Exchange, None);
        Assert.Equal(2u, (await fs.GetAttrAsync(p.NodeId, null, None)).Attr.Nlink);
        Assert.Equal(3u, (await fs.GetAttrAsync(q.NodeId, null, None)).Attr.Nlink);
        var moved = await fs.LookupAsync(q.NodeId, "file", None);
        Assert.Equal(q.NodeId, (await fs.LookupAsync(moved!.Value.NodeId, "..", None))!.Value.NodeId);
    }
}
