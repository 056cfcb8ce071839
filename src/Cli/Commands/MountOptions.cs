using System.CommandLine;
using GatewayFs.Cli.Settings;

namespace GatewayFs.Cli.Commands;

/// <summary>The `mount` command's arguments and options, built from <see cref="SettingsCatalog"/>.</summary>
internal sealed class MountOptions
{
    public Argument<string> Mountpoint { get; } = DaemonOptions.RefuseOptionLike(new Argument<string>("MOUNTPOINT")
    {
        Description = "Empty directory to mount the volume on.",
    });

    public Option<string?> Config { get; } = new("--config")
    {
        HelpName = "PATH",
        Description = $"JSON config file with any of the settings above by key, e.g. {{ \"Bucket\": \"b\", \"CacheSize\": \"10G\" }} [env: {SettingLayers.ConfigEnvVar}]. Precedence: command line > environment > config file > defaults.",
    };

    public Option<string[]> MountOptionLists { get; } = new("-o")
    {
        HelpName = "NAME[=VALUE],...",
        Description = "Settings as mount options, as fstab and mount(8) pass them: cache_dir=/var/cache/gw,endpoint=http://…,ro. Generic mount options (defaults, noauto, _netdev, nofail, x-systemd.*) are ignored.",
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<string?> Source { get; } = new("--source")
    {
        HelpName = "SOURCE",
        Description = "fstab-style source: BUCKET, BUCKET/PREFIX, s3://BUCKET/PREFIX, or local for the embedded store.",
    };

    /// <summary>Set by `mount` on the daemon it starts; reports readiness on stdout and detaches.</summary>
    public Option<bool> DaemonChild { get; } = new("--daemon-child") { Hidden = true };

    /// <summary>One option per setting, in catalog order.</summary>
    public IReadOnlyDictionary<SettingDefinition, Option> Settings { get; }

    public MountOptions()
    {
        var settings = new Dictionary<SettingDefinition, Option>();
        foreach (var s in SettingsCatalog.All)
        {
            var description = $"{s.Description} [default: {s.DefaultText}] [config: {s.Key}, env: {s.EnvVar}, -o {s.MountOption}]";
            Option option = s.Kind == SettingKind.Flag
                ? new Option<bool?>(s.Flag) { Description = description, Arity = ArgumentArity.ZeroOrOne }
                : new Option<string?>(s.Flag) { Description = description, HelpName = s.HelpName };
            settings[s] = option;
        }
        Settings = settings;
    }

    /// <summary>Adds everything to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Add(Mountpoint);
        foreach (var option in Settings.Values) command.Add(option);
        command.Add(Config);
        command.Add(MountOptionLists);
        command.Add(Source);
        command.Add(DaemonChild);
    }

    /// <summary>
    /// The command line's layer of settings: the source and -o options first, then explicit flags,
    /// so that a flag beats an -o option for the same setting.
    /// </summary>
    public IReadOnlyList<SettingValue> CommandLineValues(ParseResult parse)
    {
        var values = new List<SettingValue>();
        values.AddRange(SettingLayers.FromSource(parse.GetValue(Source)));
        values.AddRange(SettingLayers.FromMountOptions(parse.GetValue(MountOptionLists) ?? []));
        foreach (var (setting, option) in Settings)
        {
            var result = parse.GetResult(option);
            if (result is null || result.Implicit) continue;
            string? text = option switch
            {
                Option<bool?> flag => parse.GetValue(flag) is false ? "false" : "true",
                Option<string?> str => parse.GetValue(str),
                _ => null,
            };
            if (text is not null) values.Add(new SettingValue(setting, text, setting.Flag));
        }
        return values;
    }
}
