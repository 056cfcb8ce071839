using System.Diagnostics;
using GatewayFs.Fs.Linux;
using GatewayFs.Tests.Fs.Linux.Support;
using GatewayFs.TestKit.Fuse;
using Xunit;

namespace GatewayFs.Tests.Fs.Linux;

/// <summary>Many threads moving 1 MiB requests do not make the process grow with the traffic.</summary>
public class MemoryTests
{
    [Fact]
    public async Task Parallel_large_reads_reuse_their_buffers()
    {
        const int readers = 16;
        var fs = new MiniFs { DirectIo = true }; // every read reaches the filesystem
        for (int i = 0; i < readers; i++) fs.AddGenerated($"f{i}", 16L << 20, MiniFs.Pattern);
        using var m = TempMount.Create(fs, new FuseMountOptions { Threads = 16 });

        async Task ReadAll(int rounds) =>
            await Task.WhenAll(Enumerable.Range(0, readers).Select(i => Task.Run(() =>
            {
                for (int r = 0; r < rounds; r++)
                    Run.Ok("dd", $"if={m.PathOf($"f{i}")}", "of=/dev/null", "bs=4M");
            })));

        await ReadAll(1); // the pool fills up to what the traffic needs
        GC.Collect();
        long before = Process.GetCurrentProcess().WorkingSet64;
        await ReadAll(3); // 768 MiB more through 1 MiB buffers
        GC.Collect();
        long grown = Process.GetCurrentProcess().WorkingSet64 - before;
        Assert.True(grown < 128L << 20, $"the process grew by {grown >> 20} MiB while reading");
    }
}
