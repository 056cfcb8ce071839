using GatewayFs.CacheEngine;
using Xunit;
using Xunit.Abstractions;

namespace GatewayFs.Tests.CacheEngine.Crash;

/// <summary>
/// kill -9 of a process in the middle of appends, commits and retirements, many times over the
/// same journal: every acknowledged record comes back, in order, whole; retired ones do not.
/// </summary>
public sealed class JournalCrashTests : ScratchTest
{
    public JournalCrashTests(ITestOutputHelper output) : base(output) { }

    [Fact]
    public async Task Acknowledged_records_survive_repeated_kill_minus_9()
    {
        string dir = Dir.Sub("journal");
        var acknowledged = new Dictionary<long, (ulong Seq, byte Kind, ulong File, long Offset, int Length)>();
        var retired = new HashSet<long>();
        var maybeRetired = new HashSet<long>();
        var rng = new Random(12345);
        int iterations = 0, checkedRecords = 0, fullLines = 0;
        // 24 kills take ~30 s on a quiet machine; the budget keeps a loaded CI machine from running long.
        var budget = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        for (; iterations < 24 && DateTime.UtcNow < budget; iterations++)
        {
            using (var child = new ChildProcess("journal-child", dir, (iterations + 1).ToString()))
            {
                await child.WaitForLineAsync("READY", TimeSpan.FromSeconds(30));
                await Task.Delay(rng.Next(100, 700));
                child.KillHard();
                fullLines += child.Lines.Count(l => l == "FULL");
                foreach (var line in child.Lines)
                {
                    var f = line.Split(' ');
                    if (f[0] == "A")
                        acknowledged[long.Parse(f[1])] = (ulong.Parse(f[2]), byte.Parse(f[3]), ulong.Parse(f[4]), long.Parse(f[5]), int.Parse(f[6]));
                    else if (f[0] == "R")
                        foreach (var a in f.Skip(1)) retired.Add(long.Parse(a));
                    else if (f[0] == "M")
                        foreach (var a in f.Skip(1)) maybeRetired.Add(long.Parse(a));
                }
            }
            checkedRecords += await VerifyAsync(dir, acknowledged, retired, maybeRetired);
        }
        Output!.WriteLine($"{iterations} kills, {acknowledged.Count} acknowledged records, {retired.Count} retired, {checkedRecords} payload checks, {fullLines} journal-full waits timed out; last open: {_lastStats}");
        Assert.True(iterations >= 8, $"only {iterations} iterations ran in the time budget");
        Assert.True(acknowledged.Count > 100, $"only {acknowledged.Count} records were acknowledged");
    }

    private static JournalStats? _lastStats;

    private static async Task<int> VerifyAsync(string dir, Dictionary<long, (ulong Seq, byte Kind, ulong File, long Offset, int Length)> acknowledged, HashSet<long> retired, HashSet<long> maybeRetired)
    {
        await using var journal = await FasterWriteJournal.OpenAsync(JournalCrashChild.Options(dir));
        _lastStats = journal.Stats;
        var pending = journal.GetPending();
        var byAddress = pending.ToDictionary(r => r.Address);
        for (int i = 1; i < pending.Count; i++)
        {
            Assert.True(pending[i - 1].Address < pending[i].Address, "replay out of address order");
            Assert.True(pending[i - 1].Sequence < pending[i].Sequence, "replay out of sequence order");
        }
        foreach (var (address, a) in acknowledged)
        {
            if (retired.Contains(address) || maybeRetired.Contains(address)) continue;
            Assert.True(byAddress.TryGetValue(address, out var r), $"acknowledged record at {address} (seq {a.Seq}) is missing after the crash");
            Assert.Equal((a.Seq, a.Kind, a.File, a.Offset, a.Length), (r.Sequence, (byte)r.Kind, r.FileId, r.Offset, r.Length));
        }
        foreach (var address in retired)
            Assert.False(byAddress.ContainsKey(address), $"record at {address} was retired and committed but came back");
        int checkedPayloads = 0;
        foreach (var r in pending)
        {
            // Every record that came back, acknowledged or not, is whole.
            var payload = r.Kind == JournalRecordKind.Write ? await journal.ReadPayloadAsync(r) : r.Payload.ToArray();
            Assert.True(CrashContent.IsWhole(payload, out _), $"record at {r.Address} came back with a damaged payload");
            checkedPayloads++;
        }
        return checkedPayloads;
    }
}
