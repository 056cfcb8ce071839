using GatewayFs.CacheEngine;
using Xunit;

namespace GatewayFs.Tests.CacheEngine.Journal;

/// <summary>Concurrent committers share commit rounds, and every one of them gets durability.</summary>
public sealed class GroupCommitTests : ScratchTest
{
    [Fact]
    public async Task Sixteen_writers_share_rounds_and_all_records_come_back()
    {
        var options = new JournalOptions { Directory = Dir.Sub("journal"), SizeLimitBytes = 256L << 20, SegmentSizeBytes = 16L << 20 };
        var committed = new System.Collections.Concurrent.ConcurrentBag<JournalRecord>();
        long rounds;
        await using (var j = await FasterWriteJournal.OpenAsync(options))
        {
            await Task.WhenAll(Enumerable.Range(0, 16).Select(w => Task.Run(async () =>
            {
                for (int i = 0; i < 100; i++)
                {
                    var r = await j.AppendWriteAsync(1, (ulong)w, i * 4096L, RandomBytes.Of(4096, w * 1000 + i));
                    await j.CommitAsync();
                    Assert.True(j.IsCommitted(r.Address), "CommitAsync returned before the record was durable");
                    committed.Add(r);
                }
            })));
            rounds = j.Stats.Commits;
            j.Dispose(); // no final commit: only what CommitAsync promised may be relied on
        }
        Assert.True(rounds < 1600, $"{rounds} commit rounds for 1600 commits: nothing was grouped");
        await using (var j = await FasterWriteJournal.OpenAsync(options))
        {
            var pending = j.GetPending().ToDictionary(r => r.Address);
            foreach (var r in committed)
            {
                Assert.True(pending.ContainsKey(r.Address), $"committed record at {r.Address} missing after reopen");
                Assert.Equal(RandomBytes.Of(4096, (int)r.FileId * 1000 + (int)(r.Offset / 4096)), await j.ReadPayloadAsync(pending[r.Address]));
            }
        }
    }
}
