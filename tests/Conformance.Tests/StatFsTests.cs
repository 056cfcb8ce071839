namespace GatewayFs.Tests.Conformance;

public class StatFsTests
{
    [Theory, AllTargets]
    public async Task Statfs_reports_consistent_counts(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        await fs.WriteTextAsync("f", "x");
        foreach (var path in new[] { "", "f" })
        {
            var s = await fs.StatFsAsync(path);
            Assert.True(s.BlockSize > 0);
            Assert.True(s.Blocks > 0);
            Assert.True(s.BlocksFree <= s.Blocks);
            Assert.True(s.BlocksAvailable <= s.BlocksFree);
            Assert.True(s.FilesFree <= s.Files);
            if (fs.Features.HasFlag(FsFeatures.LongNames)) Assert.Equal(255u, s.NameMax);
            else Assert.InRange(s.NameMax, 200u, 254u);
        }
    }

    [Theory, AllTargets]
    public async Task Free_space_drops_as_data_is_written_and_comes_back_on_unlink(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        if (!fs.Features.HasFlag(FsFeatures.SpaceAccounting)) return;
        const long Size = 32 << 20;
        var before = await fs.StatFsAsync("");
        FsStats full;
        await using (var f = await fs.OpenAsync("f", OpenFlags.WriteOnly | OpenFlags.Create))
        {
            var block = TestData.Bytes(1 << 20);
            for (long done = 0; done < Size; done += block.Length) await f.WriteAllAsync(block);
            await f.FsyncAsync();
            // Measured while the file is open: a cached volume counts what waits in its journal,
            // and may upload (and free) the file soon after its last close.
            full = await fs.StatFsAsync("");
        }
        long dropped = ((long)before.BlocksFree - (long)full.BlocksFree) * before.BlockSize;
        Assert.True(dropped >= Size, $"free space dropped by {dropped} bytes after writing {Size}");
        await fs.UnlinkAsync("f");
        // Through FUSE the kernel sends RELEASE after close(2) returns: the space may come back a moment later.
        var after = await fs.StatFsAsync("");
        for (int i = 0; i < 100 && after.BlocksFree < before.BlocksFree; i++)
        {
            await Task.Delay(50);
            after = await fs.StatFsAsync("");
        }
        Assert.True(after.BlocksFree >= before.BlocksFree, $"free blocks {after.BlocksFree} did not come back to {before.BlocksFree}");
    }
}
