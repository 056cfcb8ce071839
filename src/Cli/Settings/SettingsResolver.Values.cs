using System.Globalization;
using Microsoft.Extensions.Logging;

namespace GatewayFs.Cli.Settings;

/// <summary>Typed readers of one layered value; each throws a one-line error naming the value's source.</summary>
internal sealed partial class SettingsResolver
{
    private string? Text(SettingDefinition setting) =>
        _values.TryGetValue(setting, out var v) && !string.IsNullOrWhiteSpace(v.Text) ? v.Text.Trim() : null;

    private long? SizeValue(SettingDefinition setting) => Parse(setting, ByteSize.TryParse,
        "a size such as 10G, 512MiB or 1073741824 (K, M, G, T and KiB, MiB, GiB, TiB are powers of 1024)");

    private TimeSpan? DurationValue(SettingDefinition setting) => Parse(setting, Duration.TryParse,
        "a duration such as 5s, 250ms, 2m or 0");

    private bool? Flag(SettingDefinition setting) => Parse<bool>(setting, t => t.ToLowerInvariant() switch
    {
        "true" or "yes" or "on" or "1" => true,
        "false" or "no" or "off" or "0" => false,
        _ => null,
    }, "true or false");

    private uint? Id(SettingDefinition setting) => Parse<uint>(setting,
        t => uint.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null,
        "a numeric id (see id -u NAME / id -g NAME)");

    private uint? Mode(SettingDefinition setting) => Parse<uint>(setting, t =>
    {
        var s = t.StartsWith("0o", StringComparison.OrdinalIgnoreCase) ? t[2..] : t;
        if (s.Length is 0 or > 5 || s.Any(c => c is < '0' or > '7')) return null;
        var mode = Convert.ToUInt32(s, 8);
        return mode <= 0xFFF ? mode : null;
    }, "octal permission bits such as 644 or 0755");

    private LogLevel? Level(SettingDefinition setting) => Parse<LogLevel>(setting, t => t.ToLowerInvariant() switch
    {
        "trace" => LogLevel.Trace,
        "debug" => LogLevel.Debug,
        "info" or "information" => LogLevel.Information,
        "warn" or "warning" => LogLevel.Warning,
        "error" => LogLevel.Error,
        "critical" => LogLevel.Critical,
        _ => null,
    }, "one of trace, debug, information, warning, error, critical");

    private MetricsAddress? Metrics(SettingDefinition setting) =>
        Text(setting) is { } text && text.ToLowerInvariant() is not ("off" or "false" or "none")
            ? MetricsAddress.TryParse(text) ?? throw Bad(setting, text, "ADDRESS:PORT such as 127.0.0.1:9100 or :9100")
            : null;

    private T? Parse<T>(SettingDefinition setting, Func<string, T?> parse, string expected) where T : struct
    {
        var text = Text(setting);
        if (text is null) return null;
        return parse(text) ?? throw Bad(setting, text, expected);
    }

    private CliError Bad(SettingDefinition setting, string text, string expected) =>
        CliError.BadInput($"invalid value \"{text}\" for {Where(setting)}: expected {expected}");
}
