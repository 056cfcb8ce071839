using GatewayFs.Cli.Settings;
using Xunit;

namespace GatewayFs.Tests.Cli.Settings;

public sealed class SettingNamesTests
{
    [Fact]
    public void Every_setting_has_consistent_names()
    {
        Assert.Equal("--cache-dir", SettingsCatalog.CacheDir.Flag);
        Assert.Equal("GATEWAYFS_CACHE_DIR", SettingsCatalog.CacheDir.EnvVar);
        Assert.Equal("cache_dir", SettingsCatalog.CacheDir.MountOption);
        Assert.Equal("GATEWAYFS_BUCKET", SettingsCatalog.Bucket.EnvVar);
        Assert.Equal("--write-back-delay", SettingsCatalog.WriteBackDelay.Flag);
        Assert.Equal(SettingsCatalog.All.Count, SettingsCatalog.All.Select(s => s.Flag).Distinct().Count());
        Assert.Equal(SettingsCatalog.All.Count, SettingsCatalog.All.Select(s => s.EnvVar).Distinct().Count());
        foreach (var s in SettingsCatalog.All)
        {
            Assert.Same(s, SettingsCatalog.ByKey(s.Key.ToUpperInvariant()));
            Assert.Same(s, SettingsCatalog.ByMountOption(s.MountOption));
        }
    }

    [Fact]
    public void Mount_names_are_readable_and_distinct()
    {
        var a = SettingsResolver.MountName("/mnt/gw");
        var b = SettingsResolver.MountName("/mnt-gw");
        Assert.StartsWith("mnt-gw-", a);
        Assert.NotEqual(a, b);
        Assert.StartsWith("root-", SettingsResolver.MountName("/"));
        Assert.True(SettingsResolver.MountName("/" + new string('x', 300)).Length < 60);
    }
}
