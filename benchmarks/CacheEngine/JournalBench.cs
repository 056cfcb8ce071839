using System.Diagnostics;
using GatewayFs.CacheEngine;

namespace GatewayFs.Bench.CacheEngine;

/// <summary>Journal: append+commit latency of one writer, and group-commit throughput of many.</summary>
public static class JournalBench
{
    public static JournalOptions Options(string dir) => new()
    {
        Directory = dir,
        SizeLimitBytes = 8L << 30,
        SegmentSizeBytes = 256L << 20,
    };

    public static async Task<Percentiles> CommitLatencyAsync(string dir, int size, int count)
    {
        if (Directory.Exists(dir)) Directory.Delete(dir, true);
        await using var journal = await FasterWriteJournal.OpenAsync(Options(dir));
        var data = new byte[size];
        new Random(2).NextBytes(data);
        var p = new Percentiles();
        for (int i = 0; i < count + 20; i++)
        {
            long t = Stopwatch.GetTimestamp();
            await journal.AppendWriteAsync(1, 1, (long)i * size, data);
            await journal.CommitAsync();
            if (i >= 20) p.Add(Stopwatch.GetElapsedTime(t).TotalMicroseconds);
            if (i % 256 == 255) journal.RetireFile(1, 1, long.MaxValue);
        }
        return p;
    }

    public static async Task<(double MBps, double CommitsPerSecond, Percentiles Latency)> GroupCommitAsync(string dir, int writers, int size, TimeSpan duration)
    {
        if (Directory.Exists(dir)) Directory.Delete(dir, true);
        await using var journal = await FasterWriteJournal.OpenAsync(Options(dir));
        var data = new byte[size];
        new Random(3).NextBytes(data);
        long bytes = 0, commits = 0;
        var latency = new Percentiles();
        using var stop = new CancellationTokenSource(duration);
        var sw = Stopwatch.StartNew();
        var tasks = Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var mine = new Percentiles();
            for (long i = 0; !stop.IsCancellationRequested; i++)
            {
                long t = Stopwatch.GetTimestamp();
                await journal.AppendWriteAsync(1, (ulong)w, i * size, data);
                await journal.CommitAsync();
                mine.Add(Stopwatch.GetElapsedTime(t).TotalMicroseconds);
                Interlocked.Add(ref bytes, size);
                Interlocked.Increment(ref commits);
                if (i % 64 == 63) journal.RetireFile(1, (ulong)w, long.MaxValue);
            }
            return mine;
        })).ToList();
        foreach (var m in await Task.WhenAll(tasks)) latency.AddRange(m);
        double seconds = sw.Elapsed.TotalSeconds;
        return (bytes / seconds / 1e6, commits / seconds, latency);
    }
}
