using GatewayFs.Cli;
using GatewayFs.Cli.Settings;
using Xunit;

namespace GatewayFs.Tests.Cli.Settings;

public sealed class SettingLayersTests
{
    [Fact]
    public void Mount_options_map_to_settings_and_ignore_generic_ones()
    {
        var values = SettingLayers.FromMountOptions(["rw,noauto,_netdev,x-systemd.automount,endpoint=http://h:9000,cache_dir=/c", "ro,allow_other,nonempty"]);
        string? Get(SettingDefinition s) => values.LastOrDefault(v => v.Setting == s)?.Text;
        Assert.Equal("http://h:9000", Get(SettingsCatalog.Endpoint));
        Assert.Equal("/c", Get(SettingsCatalog.CacheDir));
        Assert.Equal("true", Get(SettingsCatalog.ReadOnly));
        Assert.Equal("true", Get(SettingsCatalog.AllowOther));
        Assert.Equal("true", Get(SettingsCatalog.AllowNonEmpty));
        Assert.Equal(6, values.Count); // rw and ro both count; the later one wins
    }

    [Fact]
    public void Unknown_mount_option_is_one_line_bad_input()
    {
        var e = Assert.Throws<CliError>(() => SettingLayers.FromMountOptions(["bukket=x"]));
        Assert.Equal(CliError.Usage, e.ExitCode);
        Assert.Contains("unknown mount option \"bukket\"", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Valued_mount_option_without_value_is_refused()
    {
        var e = Assert.Throws<CliError>(() => SettingLayers.FromMountOptions(["bucket"]));
        Assert.Contains("bucket=", e.Message);
    }

    [Theory]
    [InlineData("photos", "photos", null)]
    [InlineData("photos/2024/x", "photos", "2024/x")]
    [InlineData("s3://photos/2024", "photos", "2024")]
    public void Sources_name_bucket_and_prefix(string source, string bucket, string? prefix)
    {
        var values = SettingLayers.FromSource(source);
        Assert.Equal(bucket, values.Single(v => v.Setting == SettingsCatalog.Bucket).Text);
        Assert.Equal(prefix, values.SingleOrDefault(v => v.Setting == SettingsCatalog.Prefix)?.Text);
    }

    [Theory]
    [InlineData("local")]
    [InlineData("gatewayfs")]
    [InlineData("none")]
    public void Local_sources_select_the_embedded_store(string source) => Assert.Empty(SettingLayers.FromSource(source));

    [Fact]
    public void Config_file_keys_are_case_insensitive_and_unknown_keys_fail()
    {
        var dir = Directory.CreateTempSubdirectory("gwcli-cfg-").FullName;
        try
        {
            var good = Path.Combine(dir, "good.json");
            File.WriteAllText(good, """{ "bucket": "b1", "CacheSize": "1G", "ReadOnly": true }""");
            var values = SettingLayers.FromConfigFile(good);
            Assert.Equal("b1", values.Single(v => v.Setting == SettingsCatalog.Bucket).Text);
            Assert.Equal("True", values.Single(v => v.Setting == SettingsCatalog.ReadOnly).Text, ignoreCase: true);

            var bad = Path.Combine(dir, "bad.json");
            File.WriteAllText(bad, """{ "Bukket": "b1" }""");
            var e = Assert.Throws<CliError>(() => SettingLayers.FromConfigFile(bad));
            Assert.Contains("unknown setting \"Bukket\"", e.Message);

            var broken = Path.Combine(dir, "broken.json");
            File.WriteAllText(broken, """{ "Bucket": """);
            e = Assert.Throws<CliError>(() => SettingLayers.FromConfigFile(broken));
            Assert.Contains("cannot be read", e.Message);
            Assert.DoesNotContain('\n', e.Message);

            e = Assert.Throws<CliError>(() => SettingLayers.FromConfigFile(Path.Combine(dir, "missing.json")));
            Assert.Contains("does not exist", e.Message);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
