using GatewayFs.TestKit.InMemory;

namespace GatewayFs.Tests.Conformance.InMemory;

/// <summary>The reference filesystem's capacity limits and its cost per read.</summary>
public class LimitsTests
{
    private const ulong Root = InMemoryFileSystem.RootId;
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Writes_past_the_capacity_get_ENOSPC_and_space_returns_when_the_file_goes()
    {
        var fs = new InMemoryFileSystem(new InMemoryOptions { Capacity = 4 << 20 });
        var f = await fs.CreateAsync(Root, "f", 0x1A4, OpenFlags.WriteOnly, FsCaller.Self, None);
        var mib = new byte[1 << 20];
        for (int i = 0; i < 4; i++) await fs.WriteAsync(f.Entry.NodeId, f.Open.Handle, (long)i << 20, mib, None);
        await FsAssert.FailsAsync(FsError.NoSpace, () => fs.WriteAsync(f.Entry.NodeId, f.Open.Handle, 4L << 20, mib, None));
        Assert.Equal(0ul, (await fs.StatFsAsync(Root, None)).BlocksFree);

        await fs.ReleaseAsync(f.Entry.NodeId, f.Open.Handle, None);
        await fs.UnlinkAsync(Root, "f", None);
        fs.Forget(f.Entry.NodeId, 1);
        Assert.Equal(0, fs.UsedBytes);
        Assert.Equal(1024ul, (await fs.StatFsAsync(Root, None)).BlocksFree);
    }

    [Fact]
    public async Task Sizes_past_the_largest_file_get_EFBIG()
    {
        var fs = new InMemoryFileSystem(new InMemoryOptions { MaxFileSize = 1 << 20 });
        var f = await fs.CreateAsync(Root, "f", 0x1A4, OpenFlags.WriteOnly, FsCaller.Self, None);
        await FsAssert.FailsAsync(FsError.FileTooLarge, () => fs.WriteAsync(f.Entry.NodeId, f.Open.Handle, (1 << 20) - 1, new byte[2], None));
        var grow = new SetAttrRequest { Fields = SetAttrFields.Size, Size = (1 << 20) + 1 };
        await FsAssert.FailsAsync(FsError.FileTooLarge, () => fs.SetAttrAsync(f.Entry.NodeId, grow, null, FsCaller.Self, None));
        Assert.Equal(1, await fs.WriteAsync(f.Entry.NodeId, f.Open.Handle, (1 << 20) - 1, new byte[1], None));
    }

    [Fact]
    public async Task Creates_past_the_node_limit_get_ENOSPC()
    {
        var fs = new InMemoryFileSystem(new InMemoryOptions { MaxNodes = 3 });
        await fs.MkdirAsync(Root, "a", 0x1ED, FsCaller.Self, None);
        await fs.SymlinkAsync(Root, "b", "a", FsCaller.Self, None);
        await FsAssert.FailsAsync(FsError.NoSpace, () => fs.MkdirAsync(Root, "c", 0x1ED, FsCaller.Self, None));
        Assert.Equal(0ul, (await fs.StatFsAsync(Root, None)).FilesFree);
    }

    [Fact]
    public async Task Reading_a_1_GiB_file_in_1_MiB_requests_allocates_next_to_nothing()
    {
        var fs = new InMemoryFileSystem();
        var f = await fs.CreateAsync(Root, "big", 0x1A4, OpenFlags.ReadWrite, FsCaller.Self, None);
        ulong node = f.Entry.NodeId, handle = f.Open.Handle;
        var block = TestData.Bytes(1 << 20);
        for (long at = 0; at < 1L << 30; at += block.Length) await fs.WriteAsync(node, handle, at, block, None);

        var buffer = new byte[1 << 20];
        await fs.ReadAsync(node, handle, 0, buffer, None); // warm up the JIT
        long before = GC.GetAllocatedBytesForCurrentThread();
        long total = 0;
        for (long at = 0; at < 1L << 30; at += buffer.Length) total += await fs.ReadAsync(node, handle, at, buffer, None);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(1L << 30, total);
        // Nothing per read in Release; a Debug build boxes each async state machine (~100 bytes).
        Assert.True(allocated < 1024 * 256, $"1024 reads allocated {allocated} bytes");
        SameBytes(block, buffer);
    }
}
