namespace GatewayFs.Cli.Settings;

/// <summary>A setting's text and where it came from, for error messages (e.g. <c>--cache-size</c>, <c>GATEWAYFS_CACHE_SIZE</c>).</summary>
internal sealed record SettingValue(SettingDefinition Setting, string Text, string Source);
