using CsCheck;
using GatewayFs.CacheEngine;
using Xunit;

namespace GatewayFs.Tests.CacheEngine.Delta;

/// <summary>The delta log against a model of epochs and their block sets, through random operations and reopens.</summary>
public sealed class DeltaLogModelTests : ScratchTest
{
    // 0-5 record, 6 snapshot, 7 truncate all closed, 8 truncate the oldest closed, 9 reopen
    private static readonly Gen<(int Op, int Volume, int File, int Block)> Step =
        Gen.Select(Gen.Int[0, 9], Gen.Int[1, 2], Gen.Int[1, 3], Gen.Int[0, 4]);

    [Fact]
    public async Task Epochs_match_the_model()
    {
        int run = 0;
        await Step.Array[5, 40].SampleAsync(async steps =>
        {
            var options = new DeltaLogOptions { Directory = Dir.Sub("d" + Interlocked.Increment(ref run)), SizeLimitBytes = 8L << 20 };
            // model: volume -> epoch -> blocks; current epoch; truncated-through
            var epochs = new Dictionary<ulong, SortedDictionary<long, HashSet<ChangedBlock>>>();
            var current = new Dictionary<ulong, long> { [1] = 1, [2] = 1 };
            var log = await DeltaLog.OpenAsync(options);
            try
            {
                foreach (var (op, v, file, block) in steps)
                {
                    ulong volume = (ulong)v;
                    if (!epochs.TryGetValue(volume, out var mine)) epochs[volume] = mine = new();
                    switch (op)
                    {
                        case <= 5:
                            await log.RecordAsync(volume, (ulong)file, block);
                            if (!mine.TryGetValue(current[volume], out var set)) mine[current[volume]] = set = new();
                            set.Add(new ChangedBlock((ulong)file, block));
                            break;
                        case 6:
                            Assert.Equal(current[volume], await log.BeginSnapshotAsync(volume));
                            current[volume]++;
                            break;
                        case 7 or 8:
                            long through = op == 7 ? current[volume] - 1 : Math.Min(current[volume] - 1, mine.Keys.DefaultIfEmpty(0).Min());
                            if (through < 1) break;
                            await log.TruncateAsync(volume, through);
                            foreach (var e in mine.Keys.Where(e => e <= through).ToList()) mine.Remove(e);
                            break;
                        default:
                            await log.DisposeAsync();
                            log = await DeltaLog.OpenAsync(options);
                            break;
                    }
                    foreach (var (vol, byEpoch) in epochs)
                    {
                        Assert.Equal(current[vol], log.CurrentEpoch(vol));
                        for (long e = 1; e <= current[vol]; e++)
                        {
                            var expected = byEpoch.Where(x => x.Key <= e).SelectMany(x => x.Value).Distinct()
                                .OrderBy(b => b.FileId).ThenBy(b => b.BlockIndex).ToList();
                            Assert.Equal(expected, log.GetChangedBlocks(vol, e));
                        }
                    }
                }
            }
            finally
            {
                await log.DisposeAsync();
                Directory.Delete(options.Directory, recursive: true);
            }
        }, iter: 25, threads: 1);
    }
}
