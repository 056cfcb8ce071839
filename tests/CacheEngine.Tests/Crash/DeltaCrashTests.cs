using GatewayFs.CacheEngine;
using Xunit;
using Xunit.Abstractions;

namespace GatewayFs.Tests.CacheEngine.Crash;

/// <summary>kill -9 while blocks are recorded, snapshots begin and epochs are truncated.</summary>
public sealed class DeltaCrashTests : ScratchTest
{
    public DeltaCrashTests(ITestOutputHelper output) : base(output) { }

    [Fact]
    public async Task Recorded_changes_and_epochs_survive_kill_minus_9()
    {
        string dir = Dir.Sub("delta");
        var recorded = new HashSet<(ulong Volume, ulong File, long Block, long Epoch)>();
        var truncatedThrough = new Dictionary<ulong, long> { [1] = 0, [2] = 0 };
        var maybeTruncatedThrough = new Dictionary<ulong, long> { [1] = 0, [2] = 0 };
        var snapshotted = new Dictionary<ulong, long> { [1] = 0, [2] = 0 };
        var rng = new Random(777);
        int iterations = 0;
        for (; iterations < 10; iterations++)
        {
            using (var child = new ChildProcess("delta-child", dir, (iterations + 1).ToString()))
            {
                await child.WaitForLineAsync("READY", TimeSpan.FromSeconds(30));
                await Task.Delay(rng.Next(100, 600));
                child.KillHard();
                foreach (var f in child.Lines.Select(l => l.Split(' ')))
                {
                    ulong v = f.Length > 1 && ulong.TryParse(f[1], out var vv) ? vv : 0;
                    switch (f[0])
                    {
                        case "C": recorded.Add((v, ulong.Parse(f[2]), long.Parse(f[3]), long.Parse(f[4]))); break;
                        case "S": snapshotted[v] = Math.Max(snapshotted[v], long.Parse(f[2])); break;
                        case "t": maybeTruncatedThrough[v] = Math.Max(maybeTruncatedThrough[v], long.Parse(f[2])); break;
                        case "T": truncatedThrough[v] = Math.Max(truncatedThrough[v], long.Parse(f[2])); break;
                    }
                }
            }
            await using var log = await DeltaLog.OpenAsync(DeltaCrashChild.Options(dir));
            foreach (ulong v in new ulong[] { 1, 2 })
            {
                long current = log.CurrentEpoch(v);
                Assert.True(current > snapshotted[v], $"volume {v}: open epoch {current} but epoch {snapshotted[v]} was closed");
                var changed = log.GetChangedBlocks(v, current).ToHashSet();
                foreach (var r in recorded.Where(r => r.Volume == v && r.Epoch > maybeTruncatedThrough[v]))
                {
                    Assert.Contains(new ChangedBlock(r.File, r.Block), changed);
                    Assert.Contains(new ChangedBlock(r.File, r.Block), log.GetChangedBlocks(v, r.Epoch));
                }
                Assert.All(log.GetEpochs(v), e => Assert.True(e > truncatedThrough[v] || e == current, $"volume {v}: epoch {e} was truncated but came back"));
            }
        }
        Output!.WriteLine($"{iterations} kills, {recorded.Count} recorded changes");
        Assert.True(recorded.Count > 100, $"only {recorded.Count} changes were recorded");
    }
}
