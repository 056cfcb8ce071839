using GatewayFs.CacheEngine;

namespace GatewayFs.Tests.CacheEngine.Crash;

/// <summary>
/// Child side of the delta-log crash test: records changed blocks of two volumes and prints
/// each once RecordAsync returned ("C volume file block epoch"); snapshots and truncates
/// now and then ("S volume closed" after a snapshot, "t"/"T" before/after a truncate).
/// </summary>
public static class DeltaCrashChild
{
    public static DeltaLogOptions Options(string dir) => new() { Directory = dir, SizeLimitBytes = 32L << 20 };

    public static async Task RunAsync(string dir, int seed, TextWriter output)
    {
        await using var log = await DeltaLog.OpenAsync(Options(dir));
        output.WriteLine("READY $");
        var recorders = Enumerable.Range(0, 3).Select(w => Task.Run(async () =>
        {
            var rng = new Random(seed * 17 + w);
            while (true)
            {
                ulong volume = (ulong)rng.Next(1, 3);
                ulong file = (ulong)rng.Next(1, 20);
                long block = rng.Next(0, 200);
                long before = log.CurrentEpoch(volume);
                await log.RecordAsync(volume, file, block);
                if (log.CurrentEpoch(volume) == before) output.WriteLine($"C {volume} {file} {block} {before} $");
            }
        }));
        var snapshotter = Task.Run(async () =>
        {
            var rng = new Random(seed);
            while (true)
            {
                await Task.Delay(rng.Next(5, 60));
                ulong volume = (ulong)rng.Next(1, 3);
                long closed = await log.BeginSnapshotAsync(volume);
                output.WriteLine($"S {volume} {closed} $");
                if (rng.Next(2) == 0) continue;
                output.WriteLine($"t {volume} {closed} $");
                await log.TruncateAsync(volume, closed);
                output.WriteLine($"T {volume} {closed} $");
            }
        });
        await Task.WhenAll(recorders.Append(snapshotter));
    }
}
