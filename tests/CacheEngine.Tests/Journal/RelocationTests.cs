using GatewayFs.CacheEngine;
using Xunit;
using Xunit.Abstractions;

namespace GatewayFs.Tests.CacheEngine.Journal;

/// <summary>
/// A record that is never retired (an upload that keeps failing) must not pin the head until
/// the journal is full: old live records move to the tail, keeping their identity.
/// </summary>
public sealed class RelocationTests : ScratchTest
{
    public RelocationTests(ITestOutputHelper output) : base(output) { }

    private JournalOptions Options => new()
    {
        Directory = Dir.Sub("journal"),
        SizeLimitBytes = 8L << 20,
        PageSizeBytes = 256 << 10,
        SegmentSizeBytes = 1L << 20,
        FullWaitTimeout = TimeSpan.FromSeconds(10),
        MetadataInterval = TimeSpan.FromMilliseconds(20),
    };

    [Fact]
    public async Task A_stuck_record_moves_instead_of_filling_the_journal()
    {
        var stuckData = RandomBytes.Of(3000, 1);
        JournalRecord stuck, stuckTruncate;
        await using (var j = await FasterWriteJournal.OpenAsync(Options))
        {
            stuck = await j.AppendWriteAsync(1, 100, 10, stuckData);
            stuckTruncate = await j.AppendAsync(JournalRecordKind.Truncate, 1, 100, 2000, ReadOnlyMemory<byte>.Empty);
            var data = RandomBytes.Of(64 << 10, 2);
            // 20x the journal's size flows through while the first record is never retired.
            for (int i = 0; i < 2560; i++)
            {
                await j.AppendWriteAsync(1, 200, (long)i * data.Length, data);
                if (i % 16 == 15)
                {
                    await j.CommitAsync();
                    j.RetireFile(1, 200, long.MaxValue);
                }
            }
            await j.CommitAsync();
            var stats = j.Stats;
            Output!.WriteLine(stats.ToString());
            Assert.True(stats.Relocations >= 1, "nothing was relocated");
            // Writers never exceed the limit; the journal's own small records (retire markers,
            // relocated copies) may, by at most the relocated stretch.
            Assert.True(stats.UsedBytes <= Options.SizeLimitBytes * 5 / 4, $"used {stats.UsedBytes}");
            Assert.Equal(0, stats.FullRejections);
            Assert.Equal(new[] { stuck.Address, stuckTruncate.Address }, j.GetPending(1, 100).Select(r => r.Address));
            Assert.Equal(stuckData, await j.ReadPayloadAsync(stuck));
        }
        await using (var j = await FasterWriteJournal.OpenAsync(Options))
        {
            var pending = j.GetPending();
            Assert.Equal(new[] { stuck, stuckTruncate }.Select(r => (r.Address, r.Sequence, r.Kind, r.Offset, r.Length)),
                         pending.Select(r => (r.Address, r.Sequence, r.Kind, r.Offset, r.Length)));
            Assert.Equal(stuckData, await j.ReadPayloadAsync(pending[0]));
            var dest = new byte[4000];
            var filled = await j.ReadDirtyAsync(1, 100, 0, dest);
            Assert.Equal(new[] { new DirtyExtent(10, 1990, stuck.Address) }, filled);
            Assert.Equal(stuckData[..1990], dest[10..2000]);
            // Retiring the moved records by their (unchanged) identity works and frees the space.
            j.RetireFile(1, 100, stuckTruncate.Address);
            await j.CommitAsync();
            Assert.Empty(j.GetPending());
        }
        await using (var j = await FasterWriteJournal.OpenAsync(Options))
            Assert.Empty(j.GetPending());
    }
}
