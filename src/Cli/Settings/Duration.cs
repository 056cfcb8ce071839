using System.Globalization;

namespace GatewayFs.Cli.Settings;

/// <summary>Parses and prints durations: <c>250ms</c>, <c>5s</c>, <c>2m</c>, <c>1h</c>, <c>1d</c>, <c>0</c>.</summary>
internal static class Duration
{
    private static readonly (string Suffix, double Seconds)[] Units =
        [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600), ("d", 86400)];

    /// <summary>Parses <paramref name="text"/>; null when it is not a non-negative duration with a unit.</summary>
    public static TimeSpan? TryParse(string text)
    {
        var t = text.Trim();
        if (t == "0") return TimeSpan.Zero;
        foreach (var (suffix, seconds) in Units)
        {
            if (!t.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)) continue;
            var number = t[..^suffix.Length].TrimEnd();
            // "5ms" also ends with "s": only accept a suffix whose remainder is a plain number.
            if (number.Length == 0 || number[0] is '-' or '+') continue;
            if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n)) continue;
            var total = n * seconds;
            if (total > TimeSpan.MaxValue.TotalSeconds / 2) return null;
            return TimeSpan.FromSeconds(total);
        }
        return null;
    }

    /// <summary>Short form, e.g. <c>2s</c>, <c>1m30s</c>, <c>250ms</c>.</summary>
    public static string Format(TimeSpan t)
    {
        if (t < TimeSpan.FromSeconds(1)) return $"{(int)t.TotalMilliseconds}ms";
        if (t < TimeSpan.FromMinutes(1)) return $"{t.TotalSeconds:0.#}s";
        if (t < TimeSpan.FromHours(1)) return $"{(int)t.TotalMinutes}m{t.Seconds:00}s";
        return $"{(int)t.TotalHours}h{t.Minutes:00}m";
    }
}
