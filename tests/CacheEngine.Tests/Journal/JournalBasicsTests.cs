using GatewayFs.CacheEngine;
using Xunit;

namespace GatewayFs.Tests.CacheEngine.Journal;

public sealed class JournalBasicsTests : ScratchTest
{
    private JournalOptions Options(long limit = 64L << 20) => new()
    {
        Directory = Dir.Sub("journal"),
        SizeLimitBytes = limit,
        PageSizeBytes = 1 << 20,
        MemoryBytes = 8L << 20,
        SegmentSizeBytes = 4L << 20,
        FullWaitTimeout = TimeSpan.FromMilliseconds(300),
        MetadataInterval = TimeSpan.FromMilliseconds(100),
    };

    [Fact]
    public async Task Committed_records_come_back_after_reopen_in_order()
    {
        var written = new List<JournalRecord>();
        await using (var j = await FasterWriteJournal.OpenAsync(Options()))
        {
            for (int i = 0; i < 50; i++)
                written.Add(await j.AppendWriteAsync(1, (ulong)(i % 3), i * 100, RandomBytes.Of(100 + i, i)));
            written.Add(await j.AppendAsync(JournalRecordKind.FirstCustom + 1, 1, 7, 0, "rename a b"u8.ToArray()));
            await j.CommitAsync();
        }
        await using (var j = await FasterWriteJournal.OpenAsync(Options()))
        {
            var pending = j.GetPending();
            Assert.Equal(written.Select(r => (r.Address, r.Sequence, r.Kind, r.FileId, r.Offset, r.Length)),
                         pending.Select(r => (r.Address, r.Sequence, r.Kind, r.FileId, r.Offset, r.Length)));
            Assert.Equal("rename a b"u8.ToArray(), pending[^1].Payload.ToArray());
            for (int i = 0; i < 50; i++)
                Assert.Equal(RandomBytes.Of(100 + i, i), await j.ReadPayloadAsync(pending[i]));
        }
    }

    [Fact]
    public async Task Dirty_reads_return_the_newest_bytes_and_respect_truncate()
    {
        await using var j = await FasterWriteJournal.OpenAsync(Options());
        await j.AppendWriteAsync(1, 1, 0, Enumerable.Repeat((byte)'a', 100).ToArray());
        await j.AppendWriteAsync(1, 1, 50, Enumerable.Repeat((byte)'b', 20).ToArray());
        await j.AppendAsync(JournalRecordKind.Truncate, 1, 1, 90, ReadOnlyMemory<byte>.Empty);
        var dest = new byte[120];
        var filled = await j.ReadDirtyAsync(1, 1, 0, dest);
        Assert.Equal(90, filled.Sum(e => e.Length));
        Assert.Equal(new string('a', 50) + new string('b', 20) + new string('a', 20), System.Text.Encoding.ASCII.GetString(dest, 0, 90));
        Assert.All(dest[90..], b => Assert.Equal(0, b));
    }

    [Fact]
    public async Task Retired_records_are_not_replayed_and_space_is_reclaimed()
    {
        var data = RandomBytes.Of(256 << 10, 1);
        await using (var j = await FasterWriteJournal.OpenAsync(Options()))
        {
            for (int i = 0; i < 64; i++) await j.AppendWriteAsync(1, 1, i * data.Length, data);
            var keep = await j.AppendWriteAsync(1, 2, 0, data);
            await j.CommitAsync();
            j.RetireFile(1, 1, long.MaxValue);
            await j.CommitAsync();
            Assert.Equal(data.Length, j.Stats.DirtyBytes);
            Assert.Single(j.GetPending());
            Assert.Equal(keep.Address, j.GetPending()[0].Address);
            Assert.True(j.Stats.UsedBytes < 2 * data.Length + 4096, $"used {j.Stats.UsedBytes}");
        }
        await using (var j = await FasterWriteJournal.OpenAsync(Options()))
        {
            var p = Assert.Single(j.GetPending());
            Assert.Equal(2UL, p.FileId);
            Assert.Equal(data, await j.ReadPayloadAsync(p));
        }
    }

    [Fact]
    public async Task A_full_journal_makes_writers_wait_then_fail_clearly()
    {
        await using var j = await FasterWriteJournal.OpenAsync(Options(limit: 8L << 20));
        var data = RandomBytes.Of(256 << 10, 2);
        var ex = await Assert.ThrowsAsync<JournalFullException>(async () =>
        {
            for (int i = 0; i < 100; i++) await j.AppendWriteAsync(1, 1, i * data.Length, data);
        });
        Assert.Contains("journal is full", ex.Message);
        Assert.True(j.Stats.FullRejections >= 1);
        // Space comes back when uploads retire records.
        await j.CommitAsync();
        j.RetireFile(1, 1, long.MaxValue);
        await j.CommitAsync();
        await j.AppendWriteAsync(1, 1, 0, data);
    }
}
