using System.Globalization;

namespace GatewayFs.Cli.Settings;

/// <summary>Parses and prints byte sizes: <c>10G</c>, <c>512MiB</c>, <c>1.5T</c>, <c>4096</c>.</summary>
/// <remarks>K, M, G, T and KiB, MiB, GiB, TiB are powers of 1024; KB, MB, GB, TB are powers of 1000.</remarks>
internal static class ByteSize
{
    private static readonly (string Suffix, long Factor)[] Units =
    [
        ("KiB", 1L << 10), ("MiB", 1L << 20), ("GiB", 1L << 30), ("TiB", 1L << 40),
        ("KB", 1_000L), ("MB", 1_000_000L), ("GB", 1_000_000_000L), ("TB", 1_000_000_000_000L),
        ("K", 1L << 10), ("M", 1L << 20), ("G", 1L << 30), ("T", 1L << 40),
        ("B", 1L),
    ];

    /// <summary>Parses <paramref name="text"/>; null when it is not a size (including negative sizes).</summary>
    public static long? TryParse(string text)
    {
        var t = text.Trim();
        long factor = 1;
        foreach (var (suffix, f) in Units)
        {
            if (t.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                factor = f;
                t = t[..^suffix.Length].TrimEnd();
                break;
            }
        }
        if (t.Length == 0 || t[0] == '-' || t[0] == '+') return null;
        if (!decimal.TryParse(t, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)) return null;
        var bytes = number * factor;
        if (bytes > long.MaxValue) return null;
        return (long)decimal.Round(bytes);
    }

    /// <summary>Human form with binary units, e.g. <c>1.5 GiB</c>.</summary>
    public static string Format(long bytes)
    {
        string[] names = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
        double v = bytes;
        var i = 0;
        while (Math.Abs(v) >= 1024 && i < names.Length - 1)
        {
            v /= 1024;
            i++;
        }
        return i == 0 ? $"{bytes} B" : v.ToString(v >= 100 ? "0" : "0.#", CultureInfo.InvariantCulture) + " " + names[i];
    }
}
