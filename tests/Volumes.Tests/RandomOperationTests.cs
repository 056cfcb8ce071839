using GatewayFs.Fs;
using GatewayFs.Tests.Volumes.Support;
using GatewayFs.TestKit.S3;
using Xunit;

namespace GatewayFs.Tests.Volumes;

/// <summary>
/// Random writes, truncates, renames and reads of one file, checked against a plain byte model
/// after every read, with uploads, cold restarts and a block cache far smaller than the data.
/// </summary>
[Collection(S3rverCollection.Name)]
public sealed class RandomOperationTests : InProcessTestBase
{
    private const int MaxSize = 24 << 20;

    public RandomOperationTests(S3rverFixture s3) : base(s3) { }

    // 64 KiB blocks and a 4 MiB cache: most reads after a restart come from the store, and the
    // cache evicts constantly. Parts of 8 MiB make the bigger files go multipart.
    protected override GatewayFs.Volumes.CachedVolumeOptions Configure(GatewayFs.Volumes.CachedVolumeOptions o) =>
        o with { BlockSize = 64 << 10, CacheSizeBytes = 4L << 20, ReadAheadMaxBytes = 1 << 20, WriteBackDelay = TimeSpan.FromMilliseconds(50) };

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Random_operations_match_a_local_reference_file(int seed)
    {
        var rng = new Random(seed);
        var model = new List<byte>();
        string name = "f0";
        await Fs.WriteFileAsync(name, []);
        for (int step = 0; step < 120; step++)
        {
            string what;
            int op = rng.Next(100);
            if (op < 40)
            {
                long offset = rng.Next(100) < 30 ? model.Count : rng.NextInt64(Math.Min(MaxSize, model.Count + (4 << 20)));
                var data = Bytes.Random(rng.Next(1, 300_000), rng.Next());
                if (offset + data.Length > MaxSize) continue;
                await Fs.WriteAtAsync(name, offset, data);
                Write(model, offset, data);
                what = $"write {data.Length} at {offset}";
            }
            else if (op < 52)
            {
                int size = rng.Next(Math.Min(MaxSize, model.Count + (2 << 20)) + 1);
                await Fs.TruncateAsync(name, size);
                if (size < model.Count) model.RemoveRange(size, model.Count - size);
                else model.AddRange(new byte[size - model.Count]);
                what = $"truncate to {size}";
            }
            else if (op < 60)
            {
                string next = name == "f0" ? "f1" : "f0";
                await Fs.RenameAsync(name, next);
                name = next;
                what = $"rename to {next}";
            }
            else if (op < 68)
            {
                await V.FlushAsync();
                what = "flush";
            }
            else if (op < 72)
            {
                // Either a restart that replays the journal, or (after a flush: dropping the cache
                // directory drops the journal) one with an empty cache that reads all from the store.
                bool cold = rng.Next(2) == 0;
                if (cold) await V.FlushAsync();
                await RestartAsync(keepCache: !cold);
                what = cold ? "cold restart" : "restart with replay";
            }
            else
            {
                long offset = rng.NextInt64(model.Count + 1);
                int length = rng.Next(1, 1 << 20);
                var got = await Fs.ReadAtAsync(name, offset, length);
                var want = model.Skip((int)offset).Take(length);
                Assert.True(want.SequenceEqual(got), $"seed {seed} step {step}: read {length} at {offset} of {model.Count} differs");
                what = "read";
            }
            long actual = (await Fs.StatAsync(name)).Size;
            Assert.True(actual == model.Count, $"seed {seed} step {step} ({what}): size differs");
        }
        await V.FlushAsync();
        await RestartAsync(keepCache: false);
        byte[] final = await Fs.ReadFileAsync(name), stored = await Raw.GetAsync(Prefix + name) ?? [];
        Assert.True(model.SequenceEqual(final), $"seed {seed}: final content differs");
        Assert.True(model.SequenceEqual(stored), $"seed {seed}: object in the store differs");
        Assert.Null(await Raw.GetAsync(Prefix + (name == "f0" ? "f1" : "f0")));
    }

    private static void Write(List<byte> model, long offset, byte[] data)
    {
        if (offset > model.Count) model.AddRange(new byte[offset - model.Count]);
        int overlap = (int)Math.Min(data.Length, model.Count - offset);
        for (int i = 0; i < overlap; i++) model[(int)offset + i] = data[i];
        model.AddRange(data.Skip(overlap));
    }
}
