using CsCheck;
using GatewayFs.CacheEngine;
using Xunit;

namespace GatewayFs.Tests.CacheEngine.Journal;

/// <summary>
/// The journal against a plain in-memory model: pending records in order, the newest dirty
/// bytes of each file, and accounting, through random appends, truncates, custom records,
/// commits, retirements and reopens.
/// </summary>
public sealed class JournalModelTests : ScratchTest
{
    // 0-4 write, 5 truncate, 6 custom, 7 commit, 8 retire file, 9 reopen
    private static readonly Gen<(int Op, int File, int Offset, int Length)> Step =
        Gen.Select(Gen.Int[0, 9], Gen.Int[0, 2], Gen.Int[0, 3000], Gen.Int[1, 1500]);

    private sealed record ModelRecord(JournalRecordKind Kind, ulong File, long Offset, int Length);

    [Fact]
    public async Task Journal_matches_the_model()
    {
        int run = 0;
        await Step.Array[5, 40].SampleAsync(async steps =>
        {
            var options = new JournalOptions
            {
                Directory = Dir.Sub("j" + Interlocked.Increment(ref run)),
                SizeLimitBytes = 64L << 20,
                PageSizeBytes = 64 << 10,
                MemoryBytes = 1L << 20,
                SegmentSizeBytes = 256L << 10,
                MetadataInterval = TimeSpan.FromMilliseconds(20),
            };
            var pending = new List<ModelRecord>();
            var bytes = new Dictionary<ulong, byte?[]>();
            byte?[] FileBytes(ulong f) => bytes.TryGetValue(f, out var b) ? b : bytes[f] = new byte?[5000];
            var journal = await FasterWriteJournal.OpenAsync(options);
            try
            {
                byte stamp = 0;
                foreach (var (op, fileIndex, offset, length) in steps)
                {
                    ulong file = (ulong)fileIndex + 1;
                    switch (op)
                    {
                        case <= 4:
                            var data = Enumerable.Range(0, length).Select(i => (byte)(stamp + i)).ToArray();
                            stamp += 7;
                            await journal.AppendWriteAsync(9, file, offset, data);
                            pending.Add(new(JournalRecordKind.Write, file, offset, length));
                            for (int i = 0; i < length; i++) FileBytes(file)[offset + i] = data[i];
                            break;
                        case 5:
                            await journal.AppendAsync(JournalRecordKind.Truncate, 9, file, offset, ReadOnlyMemory<byte>.Empty);
                            pending.Add(new(JournalRecordKind.Truncate, file, offset, 0));
                            Array.Fill(FileBytes(file), null, offset, 5000 - offset);
                            break;
                        case 6:
                            await journal.AppendAsync(JournalRecordKind.FirstCustom + 3, 9, file, offset, new byte[length % 50]);
                            pending.Add(new(JournalRecordKind.FirstCustom + 3, file, offset, length % 50));
                            break;
                        case 7:
                            await journal.CommitAsync();
                            break;
                        case 8:
                            journal.RetireFile(9, file, long.MaxValue);
                            pending.RemoveAll(r => r.File == file);
                            bytes.Remove(file);
                            break;
                        default:
                            await journal.DisposeAsync();
                            journal = await FasterWriteJournal.OpenAsync(options);
                            break;
                    }
                    await CheckAsync(journal, pending, bytes);
                }
            }
            finally
            {
                await journal.DisposeAsync();
                Directory.Delete(options.Directory, recursive: true);
            }
        }, iter: 40, threads: 1);
    }

    private static async Task CheckAsync(FasterWriteJournal journal, List<ModelRecord> pending, Dictionary<ulong, byte?[]> bytes)
    {
        var actual = journal.GetPending();
        Assert.Equal(pending, actual.Select(r => new ModelRecord(r.Kind, r.FileId, r.Offset, r.Length)));
        Assert.True(actual.Zip(actual.Skip(1)).All(p => p.First.Address < p.Second.Address && p.First.Sequence < p.Second.Sequence));
        Assert.Equal(pending.Where(r => r.Kind == JournalRecordKind.Write).Sum(r => (long)r.Length), journal.Stats.DirtyBytes);
        foreach (ulong file in new ulong[] { 1, 2, 3 })
        {
            var expected = bytes.TryGetValue(file, out var b) ? b : new byte?[5000];
            var dest = new byte[5000];
            var filled = await journal.ReadDirtyAsync(9, file, 0, dest);
            var got = new byte?[5000];
            foreach (var e in filled)
                for (long i = e.Offset; i < e.End; i++) got[i] = dest[i];
            Assert.Equal(expected, got);
        }
    }
}
