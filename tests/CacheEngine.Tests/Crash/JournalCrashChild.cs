using GatewayFs.CacheEngine;

namespace GatewayFs.Tests.CacheEngine.Crash;

/// <summary>
/// Child side of the journal crash test: writers append self-describing records and commit;
/// after each commit returns they print the records it covered ("A ..."); a retirer announces
/// records it is about to retire ("M ...") and, after the next commit returns, prints them again
/// ("R ..."). Runs until killed.
/// </summary>
public static class JournalCrashChild
{
    public const ulong Volume = 1;

    public static JournalOptions Options(string dir) => new()
    {
        Directory = dir,
        SizeLimitBytes = 48L << 20,
        PageSizeBytes = 64 << 10,
        MemoryBytes = 512L << 10,
        SegmentSizeBytes = 1L << 20,
        MetadataInterval = TimeSpan.FromMilliseconds(30),
        FullWaitTimeout = TimeSpan.FromSeconds(5),
    };

    public static async Task RunAsync(string dir, int seed, TextWriter output)
    {
        await using var journal = await FasterWriteJournal.OpenAsync(Options(dir));
        output.WriteLine("READY $");
        long tags = (long)seed << 32;
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            var rng = new Random(seed * 31 + w);
            var mine = new List<JournalRecord>();
            while (true)
            {
                long tag = Interlocked.Increment(ref tags);
                ulong file = (ulong)rng.Next(1, 9);
                try
                {
                    if (rng.Next(10) == 0)
                        mine.Add(await journal.AppendAsync(JournalRecordKind.FirstCustom + 1, Volume, file, tag, CrashContent.Make(tag, 8 + rng.Next(64))));
                    else
                        mine.Add(await journal.AppendWriteAsync(Volume, file, rng.Next(0, 1 << 20), CrashContent.Make(tag, 8 + rng.Next(rng.Next(2) == 0 ? 2000 : 30000))));
                }
                catch (JournalFullException)
                {
                    output.WriteLine("FULL $");
                    await Task.Delay(20);
                    continue;
                }
                if (rng.Next(3) != 0) continue;
                await journal.CommitAsync();
                foreach (var r in mine)
                    output.WriteLine($"A {r.Address} {r.Sequence} {(byte)r.Kind} {r.FileId} {r.Offset} {r.Length} $");
                mine.Clear();
            }
        })).ToList();
        var retirer = Task.Run(async () =>
        {
            var rng = new Random(seed);
            while (true)
            {
                await Task.Delay(rng.Next(2, 15));
                // File 1 is never retired, so older runs' records keep being replayed.
                ulong file = (ulong)rng.Next(2, 9);
                var candidates = journal.GetPending(Volume, file).Where(r => journal.IsCommitted(r.Address)).ToList();
                if (candidates.Count == 0) continue;
                long upTo = candidates[rng.Next(candidates.Count)].Address;
                var chunks = candidates.Where(r => r.Address <= upTo).Chunk(50).ToList();
                // "M": may be retired from here on (the marker can ride on any commit); "R": retired for sure.
                foreach (var chunk in chunks) output.WriteLine("M " + string.Join(' ', chunk.Select(r => r.Address)) + " $");
                journal.RetireFile(Volume, file, upTo);
                await journal.CommitAsync();
                foreach (var chunk in chunks) output.WriteLine("R " + string.Join(' ', chunk.Select(r => r.Address)) + " $");
            }
        });
        await Task.WhenAll(writers.Append(retirer));
    }
}
