using CsCheck;
using GatewayFs.CacheEngine;
using Xunit;

namespace GatewayFs.Tests.CacheEngine.Blocks;

/// <summary>
/// The block cache against a dictionary, with a capacity large enough that nothing is evicted:
/// random writes (short and full blocks, overwrites), reads, invalidations, flushes and a clean
/// reopen. Every read must return exactly the model's bytes, or miss where the model has none.
/// </summary>
public sealed class BlockCacheModelTests : ScratchTest
{
    private const int Block = 16 << 10;

    // 0-3 write, 4-6 read, 7 invalidate, 8 flush, 9 reopen
    private static readonly Gen<(int Op, int Id, int Index, int Length)> Step =
        Gen.Select(Gen.Int[0, 9], Gen.Int[0, 2], Gen.Int[0, 5], Gen.Int[1, Block]);

    [Fact]
    public async Task Reads_match_the_model()
    {
        int run = 0;
        await Step.Array[5, 40].SampleAsync(async steps =>
        {
            var options = new BlockCacheOptions
            {
                Directory = Dir.Sub("c" + Interlocked.Increment(ref run)),
                CapacityBytes = 8L << 20,
                BlockSize = Block,
                PageSizeBytes = 256 << 10,
                MemoryBytes = 1L << 20,
                SegmentSizeBytes = 1L << 20,
            };
            var ids = new[] { BlockIdentity.FromString("a"), BlockIdentity.FromString("b"), BlockIdentity.ForObject("c", "e") };
            var model = new Dictionary<(int, int), byte[]>();
            var cache = await FasterBlockCache.OpenAsync(options);
            try
            {
                int stamp = 0;
                var dest = new byte[Block];
                foreach (var (op, id, index, length) in steps)
                {
                    switch (op)
                    {
                        case <= 3:
                            var data = RandomBytes.Of(length, ++stamp);
                            await cache.WriteAsync(ids[id], index, data);
                            model[(id, index)] = data;
                            break;
                        case <= 6:
                            int n = await cache.TryReadAsync(ids[id], index, dest);
                            if (model.TryGetValue((id, index), out var expected))
                            {
                                Assert.Equal(expected.Length, n);
                                Assert.Equal(expected, dest[..n]);
                            }
                            else
                            {
                                Assert.Equal(-1, n);
                            }
                            break;
                        case 7:
                            await cache.InvalidateAsync(ids[id], 6);
                            for (int i = 0; i < 6; i++) model.Remove((id, i));
                            break;
                        case 8:
                            await cache.FlushAsync();
                            break;
                        default:
                            await cache.DisposeAsync();
                            cache = await FasterBlockCache.OpenAsync(options);
                            Assert.True(cache.StartedWarm);
                            break;
                    }
                }
            }
            finally
            {
                await cache.DisposeAsync();
                Directory.Delete(options.Directory, recursive: true);
            }
        }, iter: 25, threads: 1);
    }
}
