using System.Collections;
using GatewayFs.Cli;
using GatewayFs.Cli.Settings;
using Microsoft.Extensions.Logging;
using Xunit;

namespace GatewayFs.Tests.Cli.Settings;

public sealed class SettingsResolverTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("gwcli-res-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private string Mountpoint => Path.Combine(_dir, "mnt");

    private string Config(string json)
    {
        var path = Path.Combine(_dir, $"c{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }

    private static SettingValue Flag(SettingDefinition s, string text) => new(s, text, s.Flag);

    private MountSettings Resolve(string? config = null, Hashtable? env = null, params SettingValue[] cli) =>
        SettingsResolver.Resolve(Mountpoint, config, env ?? [], [new(SettingsCatalog.CacheDir, Path.Combine(_dir, "cache"), "test"), .. cli]);

    [Fact]
    public void Command_line_beats_environment_beats_file_beats_defaults()
    {
        var config = Config("""{ "CacheSize": "100M", "JournalSize": "100M", "WriteBackDelay": "7s", "LogLevel": "debug" }""");
        var env = new Hashtable { ["GATEWAYFS_CACHE_SIZE"] = "200M", ["GATEWAYFS_JOURNAL_SIZE"] = "200M" };
        var s = Resolve(config, env, Flag(SettingsCatalog.CacheSize, "300M"));
        Assert.Equal(300L << 20, s.CacheSize);      // flag
        Assert.Equal(200L << 20, s.JournalSize);    // env over file
        Assert.Equal(TimeSpan.FromSeconds(7), s.WriteBackDelay); // file over default
        Assert.Equal(LogLevel.Debug, s.LogLevel);
        Assert.Equal(Convert.ToUInt32("644", 8), s.FileMode); // default
        Assert.Equal(config, s.ConfigFile);
    }

    [Fact]
    public void Config_file_can_come_from_the_environment()
    {
        var config = Config("""{ "Bucket": "from-file", "Endpoint": "http://127.0.0.1:1" }""");
        var s = Resolve(env: new Hashtable { ["GATEWAYFS_CONFIG"] = config });
        Assert.Equal("from-file", s.Bucket);
        Assert.False(s.UsesLocalStore);
    }

    [Fact]
    public void No_bucket_means_the_embedded_local_store_under_the_cache_dir()
    {
        var s = Resolve();
        Assert.True(s.UsesLocalStore);
        Assert.Equal(Path.Combine(_dir, "cache", "local-store"), s.LocalStoreDir);
        Assert.Equal(Path.Combine(_dir, "cache", "gatewayfs.log"), s.LogFile);
    }

    [Fact]
    public void Prefix_is_normalized_and_path_style_left_to_the_store_unless_set()
    {
        var s = Resolve(null, null, Flag(SettingsCatalog.Bucket, "b"), Flag(SettingsCatalog.Prefix, "/a/b/"));
        Assert.Equal("a/b/", s.Prefix);
        Assert.Null(s.PathStyle);
        Assert.True(Resolve(null, null, Flag(SettingsCatalog.PathStyle, "yes")).PathStyle);
    }

    [Fact]
    public void Default_cache_dir_is_per_mountpoint()
    {
        var env = new Hashtable();
        var a = SettingsResolver.DefaultCacheDir("/mnt/a", env);
        var b = SettingsResolver.DefaultCacheDir("/mnt/b", env);
        Assert.NotEqual(a, b);
        Assert.StartsWith(Environment.UserName == "root" ? "/var/cache/gatewayfs/" : "/", a);
    }

    [Theory]
    [InlineData("--cache-size", "0", "too small")]
    [InlineData("--cache-size", "-1G", "expected a size")]
    [InlineData("--journal-size", "1K", "too small")]
    [InlineData("--journal-size", "1000000T", "larger than the")]
    [InlineData("--cache-size", "1000000T", "larger than the")]
    [InlineData("--write-back-delay", "soon", "expected a duration")]
    [InlineData("--file-mode", "999", "octal")]
    [InlineData("--uid", "root", "numeric id")]
    [InlineData("--log-level", "loud", "one of trace")]
    [InlineData("--metrics", "nowhere:0", "ADDRESS:PORT")]
    [InlineData("--endpoint", "ftp://x", "not an http(s) URL")]
    [InlineData("--endpoint", "http://127.0.0.1:9", "no bucket")]
    [InlineData("--bucket", "a/b", "not valid")]
    [InlineData("--read-only", "maybe", "true or false")]
    public void Bad_values_are_one_line_usage_errors_naming_the_flag(string flag, string value, string expected)
    {
        var setting = SettingsCatalog.All.Single(s => s.Flag == flag);
        var e = Assert.Throws<CliError>(() => Resolve(null, null, Flag(setting, value)));
        Assert.Equal(CliError.Usage, e.ExitCode);
        Assert.Contains(expected, e.Message);
        Assert.DoesNotContain('\n', e.Message);
        if (!expected.Contains("no bucket")) Assert.Contains(flag, e.Message);
    }

    [Fact]
    public void Bad_value_from_the_environment_names_the_variable()
    {
        var e = Assert.Throws<CliError>(() => Resolve(env: new Hashtable { ["GATEWAYFS_CACHE_SIZE"] = "lots" }));
        Assert.Contains("GATEWAYFS_CACHE_SIZE", e.Message);
    }

    [Fact]
    public void Cache_dir_inside_the_mountpoint_is_refused()
    {
        var e = Assert.Throws<CliError>(() => SettingsResolver.Resolve(Mountpoint, null, new Hashtable(),
            [new(SettingsCatalog.CacheDir, Path.Combine(Mountpoint, "c"), "--cache-dir")]));
        Assert.Contains("inside the mountpoint", e.Message);
    }

    [Fact]
    public void Unset_sizes_fit_the_disk()
    {
        var s = Resolve();
        var room = DiskSpace.Available(_dir);
        Assert.True(s.CacheSize + s.JournalSize <= Math.Max(room, 2 * SettingsResolver.MinimumStoreSize));
        Assert.True(s.CacheSize >= SettingsResolver.MinimumStoreSize);
    }
}
