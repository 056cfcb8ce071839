using GatewayFs.CacheEngine;
using Xunit;

namespace GatewayFs.Tests.CacheEngine.Delta;

public sealed class DeltaLogTests : ScratchTest
{
    private DeltaLogOptions Options => new() { Directory = Dir.Sub("delta"), SizeLimitBytes = 16L << 20 };

    [Fact]
    public async Task Changes_are_listed_per_epoch_without_duplicates_and_survive_restart()
    {
        await using (var d = await DeltaLog.OpenAsync(Options))
        {
            Assert.Equal(1, d.CurrentEpoch(7));
            await d.RecordAsync(7, 1, 5);
            await d.RecordAsync(7, 1, 5);
            await d.RecordAsync(7, 2, 0);
            await d.RecordAsync(8, 1, 1);
            Assert.Equal(1, await d.BeginSnapshotAsync(7));
            await d.RecordAsync(7, 1, 5);
            await d.RecordAsync(7, 3, 9);
            Assert.Equal([new ChangedBlock(1, 5), new ChangedBlock(2, 0)], d.GetChangedBlocks(7, 1));
        }
        await using (var d = await DeltaLog.OpenAsync(Options))
        {
            Assert.Equal(2, d.CurrentEpoch(7));
            Assert.Equal(1, d.CurrentEpoch(8));
            Assert.Equal([new ChangedBlock(1, 5), new ChangedBlock(2, 0)], d.GetChangedBlocks(7, 1));
            Assert.Equal([new ChangedBlock(1, 5), new ChangedBlock(2, 0), new ChangedBlock(3, 9)], d.GetChangedBlocks(7, 2));
            Assert.Equal([new ChangedBlock(1, 1)], d.GetChangedBlocks(8, 1));
            await d.TruncateAsync(7, 1);
            Assert.Equal([new ChangedBlock(1, 5), new ChangedBlock(3, 9)], d.GetChangedBlocks(7, 2));
            await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await d.TruncateAsync(7, 2));
        }
        await using (var d = await DeltaLog.OpenAsync(Options))
        {
            Assert.Equal(2, d.CurrentEpoch(7));
            Assert.Empty(d.GetChangedBlocks(7, 1));
            Assert.Equal([new ChangedBlock(1, 5), new ChangedBlock(3, 9)], d.GetChangedBlocks(7, 2));
            Assert.Equal([new ChangedBlock(1, 1)], d.GetChangedBlocks(8, 1));
        }
    }
}
