namespace GatewayFs.Cli.Settings;

/// <summary>
/// One mount setting and every name it goes by: the command-line flag, the key in the JSON
/// config file, the environment variable and the <c>-o</c> mount option (fstab).
/// </summary>
/// <param name="Key">Config file key, e.g. <c>CacheDir</c>.</param>
/// <param name="Kind">How the value is parsed.</param>
/// <param name="DefaultText">The default, as documented.</param>
/// <param name="Description">One sentence for --help and docs/CONFIGURATION.md.</param>
internal sealed record SettingDefinition(string Key, SettingKind Kind, string DefaultText, string Description)
{
    /// <summary>Command-line flag, e.g. <c>--cache-dir</c>.</summary>
    public string Flag => "--" + Words('-');

    /// <summary>Environment variable, e.g. <c>GATEWAYFS_CACHE_DIR</c>.</summary>
    public string EnvVar => "GATEWAYFS_" + Words('_').ToUpperInvariant();

    /// <summary>Mount option for <c>-o</c> and fstab, e.g. <c>cache_dir</c>.</summary>
    public string MountOption => Words('_');

    /// <summary>The value placeholder shown in --help.</summary>
    public string HelpName => Kind switch
    {
        SettingKind.Size => "SIZE",
        SettingKind.Duration => "DURATION",
        SettingKind.Path => "PATH",
        SettingKind.Url => "URL",
        SettingKind.Id => "ID",
        SettingKind.Mode => "MODE",
        SettingKind.LogLevel => "LEVEL",
        SettingKind.Endpoint => "ADDRESS:PORT",
        _ => Key.ToUpperInvariant(),
    };

    // CacheDir -> cache-dir; S3 style acronyms are not used in keys, so a capital starts a word.
    private string Words(char separator)
    {
        var sb = new System.Text.StringBuilder();
        foreach (var c in Key)
        {
            if (char.IsUpper(c) && sb.Length > 0) sb.Append(separator);
            sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }
}
