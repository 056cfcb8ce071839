using System.Diagnostics;
using GatewayFs.Tests.Volumes.Support;
using GatewayFs.TestKit.S3;
using Xunit;

namespace GatewayFs.Tests.Volumes;

/// <summary>kill -9 of the gateway process after fsync; the next start replays the journal.</summary>
[Collection(S3rverCollection.Name)]
public sealed class CrashTests : IAsyncLifetime
{
    private const string Prefix = "crash";
    private readonly S3rverFixture _s3;
    private string _bucket = "";
    private string _cacheDir = "";
    private RawS3 _raw = null!;

    public CrashTests(S3rverFixture s3) => _s3 = s3;

    public async Task InitializeAsync()
    {
        _bucket = await _s3.CreateBucketAsync();
        _cacheDir = Directory.CreateTempSubdirectory("gatewayfs-crash-cache-").FullName;
        _raw = new RawS3(_s3.CreateRawClient(), _bucket);
    }

    public Task DisposeAsync()
    {
        _raw.Dispose();
        VolumeHarness.TryDelete(_cacheDir);
        return Task.CompletedTask;
    }

    private Task<GatewayProcess> StartGatewayAsync() =>
        GatewayProcess.StartAsync(_s3.Endpoint, _bucket, Prefix, _cacheDir, TimeSpan.FromHours(1)); // nothing uploads on its own

    [Fact]
    public async Task Fsynced_data_and_namespace_changes_survive_kill_9_and_reach_the_store()
    {
        byte[] a = Bytes.Random(1 << 20, 1), renamed = Bytes.Random(70_000, 2), truncated = Bytes.Random(100_000, 3);
        await using (var g = await StartGatewayAsync())
        {
            Directory.CreateDirectory(g.PathOf("dir"));
            WriteFsync(g.PathOf("dir/a.bin"), a);
            WriteFsync(g.PathOf("tmp.txt"), renamed);
            File.Move(g.PathOf("tmp.txt"), g.PathOf("dir/renamed.txt"));
            WriteFsync(g.PathOf("t.bin"), truncated);
            using (var fs = new FileStream(g.PathOf("t.bin"), FileMode.Open, FileAccess.ReadWrite))
            {
                fs.SetLength(10_000);
                fs.Flush(flushToDisk: true); // commits everything journaled before, the rename too
            }
            await Run("dd", "if=/dev/zero", $"of={g.PathOf("dd.bin")}", "bs=64k", "count=16", "conv=fsync");

            Assert.DoesNotContain(await _raw.KeysAsync(), k => !k.EndsWith('/')); // all of it is only in the journal
            await g.KillHardAsync();
        }

        await using (var g = await StartGatewayAsync())
        {
            var expected = new Dictionary<string, byte[]>
            {
                ["dir/a.bin"] = a,
                ["dir/renamed.txt"] = renamed,
                ["t.bin"] = truncated[..10_000],
                ["dd.bin"] = new byte[16 * 65536],
            };
            var sw = Stopwatch.StartNew();
            foreach (var (name, data) in expected)
            {
                byte[]? got;
                while ((got = await _raw.GetIfSettledAsync($"{Prefix}/{name}")) is null || !got.AsSpan().SequenceEqual(data))
                {
                    Assert.True(sw.Elapsed < TimeSpan.FromSeconds(60), $"{name} did not reach the store after the restart; gateway said: {g.Stderr}");
                    await Task.Delay(200);
                }
                Assert.Equal(data, await File.ReadAllBytesAsync(g.PathOf(name)));
            }
            Assert.Null(await _raw.GetAsync($"{Prefix}/tmp.txt"));
        }
    }

    private static void WriteFsync(string path, byte[] data)
    {
        using var fs = new FileStream(path, FileMode.Create, FileAccess.Write);
        fs.Write(data);
        fs.Flush(flushToDisk: true);
    }

    private static async Task Run(string file, params string[] args)
    {
        using var p = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardError = true })!;
        string err = await p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        Assert.True(p.ExitCode == 0, $"{file} failed: {err}");
    }
}
