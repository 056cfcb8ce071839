using System.Text.Json;
using GatewayFs.TestKit.S3;
using GatewayFs.Tests.Cli.Infrastructure;
using Xunit;

namespace GatewayFs.Tests.Cli;

/// <summary>The same settings from a config file, the environment and the command line, in that order of strength.</summary>
[Collection(S3rverCollection.Name)]
public sealed class ConfigPrecedenceTests(S3rverFixture s3) : SandboxedTest(s3, "cfg")
{
    [Fact]
    public async Task Command_line_beats_environment_beats_config_file()
    {
        var fileBucket = await S3.CreateBucketAsync();
        var envBucket = await S3.CreateBucketAsync();
        var mp = Box.Dir("mnt");
        var config = Path.Combine(Box.Root, "gatewayfs.json");
        File.WriteAllText(config, JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["Endpoint"] = S3.Endpoint.ToString(),
            ["Bucket"] = fileBucket,
            ["Prefix"] = "from-file",
            ["CacheDir"] = Box.Dir("cache"),
            ["CacheSize"] = "100M",
            ["JournalSize"] = "100M",
            ["WriteBackDelay"] = "1h",
        }));
        Box.Environment["GATEWAYFS_CONFIG"] = config;
        Box.Environment["GATEWAYFS_BUCKET"] = envBucket;
        Box.Environment["GATEWAYFS_CACHE_SIZE"] = "200M";
        Box.Environment["GATEWAYFS_JOURNAL_SIZE"] = "200M";

        var up = await Box.RunAsync("mount", mp, "--journal-size", "300M");
        Assert.True(up.ExitCode == 0, up.ToString());
        var status = await Box.RunAsync("status", mp, "--json");
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
        Assert.Equal(0, (await Box.RunAsync("unmount", mp)).ExitCode);
        Assert.Equal("env bucket"u8.ToArray(), await Bucket.GetAsync(S3, envBucket, "from-file/where.txt"));
        Assert.Empty(await Bucket.KeysAsync(S3, fileBucket));
    }

    [Fact]
    public async Task Mount_options_carry_every_setting()
    {
        var bucket = await S3.CreateBucketAsync();
        await Bucket.PutAsync(S3, bucket, "photos/seen.txt", "seen"u8.ToArray());
        var mp = Box.Dir("mnt");
        var up = await Box.RunAsync("mount", mp, "-o", $"endpoint={S3.Endpoint},bucket={bucket},prefix=photos,cache_dir={Box.Dir("cache")},ro,noauto,_netdev");
        Assert.True(up.ExitCode == 0, up.ToString());
        Assert.Equal("seen", File.ReadAllText(Path.Combine(mp, "seen.txt")));
        var refused = Record.Exception(() => File.WriteAllText(Path.Combine(mp, "new.txt"), "x"));
        Assert.True(refused is IOException or UnauthorizedAccessException, $"a read-only mount refuses writes, got {refused}");
        Assert.Equal(0, (await Box.RunAsync("unmount", mp)).ExitCode);
    }
}
