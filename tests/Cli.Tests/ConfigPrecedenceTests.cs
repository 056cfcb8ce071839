using System.Text.Json;
using GatewayFs.TestKit.S3;
using GatewayFs.Tests.Cli.Infrastructure;
using Xunit;

namespace GatewayFs.Tests.Cli;

/// <summary>The same settings from a config file, the environment and the command line, in that order of strength.</summary>
[Collection(S3rverCollection.Name)]
public sealed class ConfigPrecedenceTests(S3rverFixture s3) : IAsyncLifetime
{
    private readonly MountSandbox _box = new("cfg");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _box.DisposeAsync();

    [Fact]
    public async Task Command_line_beats_environment_beats_config_file()
    {
        var fileBucket = await s3.CreateBucketAsync();
        var envBucket = await s3.CreateBucketAsync();
        var mp = _box.Dir("mnt");
        var config = Path.Combine(_box.Root, "gatewayfs.json");
        File.WriteAllText(config, JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["Endpoint"] = s3.Endpoint.ToString(),
            ["Bucket"] = fileBucket,
            ["Prefix"] = "from-file",
            ["CacheDir"] = _box.Dir("cache"),
            ["CacheSize"] = "100M",
            ["JournalSize"] = "100M",
            ["WriteBackDelay"] = "1h",
        }));
        _box.Environment["GATEWAYFS_CONFIG"] = config;
        _box.Environment["GATEWAYFS_BUCKET"] = envBucket;
        _box.Environment["GATEWAYFS_CACHE_SIZE"] = "200M";
        _box.Environment["GATEWAYFS_JOURNAL_SIZE"] = "200M";

        var up = await _box.RunAsync("mount", mp, "--journal-size", "300M");
        Assert.True(up.ExitCode == 0, up.ToString());
        var status = await _box.RunAsync("status", mp, "--json");
        using (var doc = JsonDocument.Parse(status.Stdout))
        {
            var m = doc.RootElement[0];
            Assert.Equal(envBucket, m.GetProperty("bucket").GetString());      // env over file
            Assert.Equal("from-file/", m.GetProperty("prefix").GetString());   // file over default
            var v = m.GetProperty("volume");
            Assert.Equal(200L << 20, v.GetProperty("cacheSizeBytes").GetInt64());    // env over file
            Assert.Equal(300L << 20, v.GetProperty("journalSizeBytes").GetInt64());  // flag over env
        }
        File.WriteAllText(Path.Combine(mp, "where.txt"), "env bucket");
        Assert.Equal(0, (await _box.RunAsync("unmount", mp)).ExitCode);
        Assert.Equal("env bucket"u8.ToArray(), await Bucket.GetAsync(s3, envBucket, "from-file/where.txt"));
        Assert.Empty(await Bucket.KeysAsync(s3, fileBucket));
    }

    [Fact]
    public async Task Mount_options_carry_every_setting()
    {
        var bucket = await s3.CreateBucketAsync();
        await Bucket.PutAsync(s3, bucket, "photos/seen.txt", "seen"u8.ToArray());
        var mp = _box.Dir("mnt");
        var up = await _box.RunAsync("mount", mp, "-o", $"endpoint={s3.Endpoint},bucket={bucket},prefix=photos,cache_dir={_box.Dir("cache")},ro,noauto,_netdev");
        Assert.True(up.ExitCode == 0, up.ToString());
        Assert.Equal("seen", File.ReadAllText(Path.Combine(mp, "seen.txt")));
        var refused = Record.Exception(() => File.WriteAllText(Path.Combine(mp, "new.txt"), "x"));
        Assert.True(refused is IOException or UnauthorizedAccessException, $"a read-only mount refuses writes, got {refused}");
        Assert.Equal(0, (await _box.RunAsync("unmount", mp)).ExitCode);
    }
}
