using System.Collections;
using Microsoft.Extensions.Configuration;

namespace GatewayFs.Cli.Settings;

/// <summary>
/// Reads settings from each place they can come from. Each method returns one layer;
/// <see cref="SettingsResolver"/> stacks them (defaults &lt; config file &lt; environment &lt; command line).
/// </summary>
internal static class SettingLayers
{
    /// <summary>Environment variable naming the config file when --config is not given.</summary>
    public const string ConfigEnvVar = "GATEWAYFS_CONFIG";

    /// <summary>
    /// Reads a JSON config file (Microsoft.Extensions.Configuration style: one object whose keys are
    /// the setting keys, e.g. <c>{ "Bucket": "b", "CacheSize": "10G" }</c>). Unknown keys are an error.
    /// </summary>
    public static IReadOnlyList<SettingValue> FromConfigFile(string path)
    {
        if (!File.Exists(path))
            throw CliError.BadInput($"config file {path} does not exist; check the path given to --config or {ConfigEnvVar}");
        IConfigurationRoot config;
        try
        {
            config = new ConfigurationBuilder().AddJsonFile(path, optional: false, reloadOnChange: false).Build();
        }
        catch (Exception e) when (e is FormatException or InvalidDataException or IOException or UnauthorizedAccessException)
        {
            var why = (e.InnerException ?? e).Message.ReplaceLineEndings(" ");
            throw CliError.BadInput($"config file {path} cannot be read: {why}; fix the file or pass another --config");
        }
        var values = new List<SettingValue>();
        foreach (var (key, value) in config.AsEnumerable().OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (value is null) continue; // a section node; its children come as "Section:Child" keys
            var setting = SettingsCatalog.ByKey(key) ?? throw CliError.BadInput(
                $"unknown setting \"{key}\" in config file {path}; valid keys are {string.Join(", ", SettingsCatalog.All.Select(s => s.Key))}");
            values.Add(new SettingValue(setting, value, $"\"{setting.Key}\" in {path}"));
        }
        return values;
    }

    /// <summary>GATEWAYFS_* variables (e.g. GATEWAYFS_BUCKET, GATEWAYFS_CACHE_SIZE).</summary>
    public static IReadOnlyList<SettingValue> FromEnvironment(IDictionary environment)
    {
        var values = new List<SettingValue>();
        foreach (var setting in SettingsCatalog.All)
        {
            if (environment[setting.EnvVar] is string text && text.Length > 0)
                values.Add(new SettingValue(setting, text, setting.EnvVar));
        }
        return values;
    }

    /// <summary>
    /// <c>-o</c> mount options as fstab and mount(8) pass them: comma-separated <c>name=value</c> or
    /// flags (<c>ro</c>, <c>allow_other</c>). Generic mount options that concern mount(8), the kernel
    /// or systemd (defaults, noauto, _netdev, nofail, x-systemd.*, …) are accepted and ignored.
    /// </summary>
    public static IReadOnlyList<SettingValue> FromMountOptions(IEnumerable<string> optionLists)
    {
        var values = new List<SettingValue>();
        foreach (var list in optionLists)
        {
            foreach (var raw in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var eq = raw.IndexOf('=');
                var name = eq < 0 ? raw : raw[..eq];
                var value = eq < 0 ? null : raw[(eq + 1)..];
                var source = $"mount option {raw}";
                switch (name)
                {
                    case "ro":
                        values.Add(new SettingValue(SettingsCatalog.ReadOnly, "true", source));
                        continue;
                    case "rw":
                        values.Add(new SettingValue(SettingsCatalog.ReadOnly, "false", source));
                        continue;
                    case "nonempty":
                        values.Add(new SettingValue(SettingsCatalog.AllowNonEmpty, "true", source));
                        continue;
                }
                if (IsGenericMountOption(name)) continue;
                var setting = SettingsCatalog.ByMountOption(name) ?? throw CliError.BadInput(
                    $"unknown mount option \"{name}\"; valid ones are {string.Join(", ", SettingsCatalog.All.Select(s => s.MountOption))}, ro, rw, nonempty");
                if (value is null && setting.Kind != SettingKind.Flag)
                    throw CliError.BadInput($"mount option {name} needs a value: {name}={setting.HelpName}");
                values.Add(new SettingValue(setting, value ?? "true", source));
            }
        }
        return values;
    }

    /// <summary>
    /// The fstab source field: <c>BUCKET</c>, <c>BUCKET/PREFIX</c>, <c>s3://BUCKET/PREFIX</c>, or
    /// <c>local</c> (also <c>gatewayfs</c>, <c>none</c>) for the embedded local store.
    /// </summary>
    public static IReadOnlyList<SettingValue> FromSource(string? source)
    {
        if (string.IsNullOrWhiteSpace(source)) return [];
        var s = source.Trim();
        if (s is "local" or "gatewayfs" or "none") return [];
        if (s.StartsWith("s3://", StringComparison.OrdinalIgnoreCase)) s = s[5..];
        var slash = s.IndexOf('/');
        var bucket = slash < 0 ? s : s[..slash];
        var prefix = slash < 0 ? "" : s[(slash + 1)..];
        if (bucket.Length == 0)
            throw CliError.BadInput($"source \"{source}\" names no bucket; use BUCKET, BUCKET/PREFIX, s3://BUCKET/PREFIX or local");
        var values = new List<SettingValue> { new(SettingsCatalog.Bucket, bucket, $"source {source}") };
        if (prefix.Length > 0) values.Add(new SettingValue(SettingsCatalog.Prefix, prefix, $"source {source}"));
        return values;
    }

    private static bool IsGenericMountOption(string name) =>
        name.StartsWith("x-", StringComparison.Ordinal) || name.StartsWith("comment", StringComparison.Ordinal)
        || name is "defaults" or "auto" or "noauto" or "user" or "nouser" or "users" or "owner" or "group"
            or "_netdev" or "nofail" or "dev" or "nodev" or "suid" or "nosuid" or "exec" or "noexec"
            or "atime" or "noatime" or "relatime" or "norelatime" or "strictatime" or "nodiratime" or "diratime"
            or "sync" or "async" or "dirsync" or "lazytime" or "nolazytime" or "loud" or "silent"
            or "default_permissions" or "fsname" or "subtype" or "auto_unmount";
}
