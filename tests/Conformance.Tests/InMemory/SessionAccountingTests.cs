using GatewayFs.TestKit.InMemory;

namespace GatewayFs.Tests.Conformance.InMemory;

/// <summary>
/// The in-process session stands in for the kernel: after a workload it must have forgotten
/// every lookup and closed every handle, and the filesystem must then hold exactly the
/// linked nodes.
/// </summary>
public class SessionAccountingTests
{
    [Fact]
    public async Task A_mixed_workload_leaves_no_lookups_handles_or_orphan_nodes()
    {
        var fs = new InMemoryFileSystem();
        await using var s = new InProcessSession(fs, "memory", FsFeatures.All);
        await s.MkdirAsync("d");
        await s.MkdirAsync("d/e");
        for (int i = 0; i < 300; i++) await s.WriteTextAsync($"d/e/f{i}", "x");
        await s.SymlinkAsync("d/e", "link");
        await s.LinkAsync("d/e/f0", "hard");
        Assert.Equal(300, (await s.ListAsync("link")).Count); // plus and plain readdir batches
        await using (var open = await s.OpenAsync("link/f1", OpenFlags.ReadWrite))
        {
            await s.UnlinkAsync("d/e/f1");
            await open.PwriteAsync(0, "y"u8.ToArray());
        }
        await s.RenameAsync("d/e/f2", "d/e/f3");
        await s.RenameAsync("d/e/f4", "d/e/f5", RenameFlags.Exchange);
        await foreach (var _ in s.ReadDirAsync("d/e")) break; // a listing abandoned half-way
        await s.StatAsync("hard");
        await FsAssert.FailsAsync(FsError.NotFound, () => s.StatAsync("link/missing"));

        Assert.Equal(0ul, fs.TotalLookups);
        Assert.Equal(0, fs.HandleCount);
        // root, d, e, the link and the files still named (f0..f299 minus f1 and f2)
        Assert.Equal(1 + 2 + 1 + 298, fs.NodeCount);
    }
}
