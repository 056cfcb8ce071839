namespace GatewayFs.Cli.Native;

/// <summary>Reads the kernel's mount table (/proc/self/mountinfo).</summary>
internal static class MountTable
{
    /// <summary>One mount: where, what filesystem type and source.</summary>
    public sealed record Entry(string Mountpoint, string FsType, string Source);

    /// <summary>The mount at exactly <paramref name="path"/> (the last, topmost one), or null.</summary>
    public static Entry? Find(string path) => Read().LastOrDefault(e => e.Mountpoint == path);

    /// <summary>All mounts, in mount order.</summary>
    public static IReadOnlyList<Entry> Read()
    {
        var entries = new List<Entry>();
        foreach (var line in File.ReadLines("/proc/self/mountinfo"))
        {
            // id parent major:minor root mountpoint options [optional fields...] - fstype source superoptions
            var dash = line.IndexOf(" - ", StringComparison.Ordinal);
            if (dash < 0) continue;
            var left = line[..dash].Split(' ');
            var right = line[(dash + 3)..].Split(' ');
            if (left.Length < 5 || right.Length < 2) continue;
            entries.Add(new Entry(Unescape(left[4]), right[0], Unescape(right[1])));
        }
        return entries;
    }

    // mountinfo escapes space, tab, newline and backslash as \ooo octal.
    private static string Unescape(string s)
    {
        if (!s.Contains('\\')) return s;
        var sb = new System.Text.StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '\\' && IsOctal(s, i + 1))
            {
                sb.Append((char)Convert.ToInt32(s.Substring(i + 1, 3), 8));
                i += 3;
            }
            else sb.Append(s[i]);
        }
        return sb.ToString();
    }

    private static bool IsOctal(string s, int start) =>
        start + 3 <= s.Length && s.AsSpan(start, 3).IndexOfAnyExceptInRange('0', '7') < 0;
}
