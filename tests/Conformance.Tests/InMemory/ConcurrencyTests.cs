using GatewayFs.TestKit.InMemory;

namespace GatewayFs.Tests.Conformance.InMemory;

/// <summary>Many callers at once on the reference filesystem, then a check that nothing was lost or torn.</summary>
public class ConcurrencyTests
{
    [Fact]
    public async Task Parallel_creates_writes_renames_and_unlinks_leave_a_consistent_tree()
    {
        var fs = new InMemoryFileSystem();
        await using var session = new InProcessSession(fs, "memory", FsFeatures.All);
        await session.MkdirAsync("shared");
        await Parallel.ForEachAsync(Enumerable.Range(0, 8), async (worker, _) =>
        {
            for (int i = 0; i < 200; i++)
            {
                string name = $"shared/w{worker}-{i}";
                await session.WriteFileAsync(name, TestData.Bytes(1000 + i, seed: worker * 1000 + i));
                if (i % 3 == 0) await session.RenameAsync(name, name + ".renamed");
                else if (i % 3 == 1) await session.UnlinkAsync(name);
            }
        });

        var names = await session.ListAsync("shared");
        Assert.Equal(8 * Enumerable.Range(0, 200).Count(i => i % 3 != 1), names.Count);
        foreach (var name in names)
        {
            var parts = name.Replace(".renamed", "").Split('-');
            int worker = int.Parse(parts[0][1..]), i = int.Parse(parts[1]);
            SameBytes(TestData.Bytes(1000 + i, seed: worker * 1000 + i), await session.ReadFileAsync($"shared/{name}"), name);
        }
        Assert.Equal(2 + names.Count, fs.NodeCount); // root, "shared" and the files: nothing leaked
        Assert.Equal(0, fs.HandleCount);
    }

    [Fact]
    public async Task Parallel_readers_and_a_writer_on_one_file_see_whole_writes()
    {
        var fs = new InMemoryFileSystem();
        await using var session = new InProcessSession(fs, "memory", FsFeatures.All);
        const int Size = 256 * 1024;
        await session.WriteFileAsync("f", new byte[Size]);
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            await using var f = await session.OpenAsync("f", OpenFlags.WriteOnly);
            for (byte round = 1; round < 100; round++)
            {
                var data = new byte[Size];
                Array.Fill(data, round);
                await f.PwriteAsync(0, data); // one call: readers must see all of a round or none of it
            }
        });
        var readers = Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
        {
            await using var f = await session.OpenAsync("f", OpenFlags.ReadOnly);
            var buffer = new byte[Size];
            while (!writer.IsCompleted)
            {
                await f.PreadAsync(0, buffer);
                Assert.True(buffer.AsSpan().IndexOfAnyExcept(buffer[0]) < 0, "a read saw a torn write");
            }
        })).ToArray();
        await writer;
        await Task.WhenAll(readers);
    }
}
