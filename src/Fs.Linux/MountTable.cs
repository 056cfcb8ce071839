using System.Text;

namespace GatewayFs.Fs.Linux;

/// <summary>Reads /proc/self/mountinfo: is a path mounted, and by which device.</summary>
internal static class MountTable
{
    /// <summary>The topmost mount at exactly <paramref name="mountpoint"/> (an absolute, normalized path), or null.</summary>
    public static MountEntry? Find(string mountpoint)
    {
        MountEntry? found = null;
        foreach (var e in Read())
            if (e.MountPoint == mountpoint) found = e;
        return found;
    }

    public static List<MountEntry> Read()
    {
        var result = new List<MountEntry>();
        foreach (var line in File.ReadLines("/proc/self/mountinfo"))
            if (TryParse(line, out var e)) result.Add(e);
        return result;
    }

    // "36 35 98:0 /root /mnt/point rw,noatime master:1 - ext3 /dev/root rw"
    internal static bool TryParse(string line, out MountEntry entry)
    {
        entry = default;
        var parts = line.Split(' ');
        int dash = Array.IndexOf(parts, "-");
        if (parts.Length < 5 || dash < 6 || dash + 2 >= parts.Length) return false;
        var dev = parts[2].Split(':');
        if (dev.Length != 2 || !uint.TryParse(dev[0], out uint major) || !uint.TryParse(dev[1], out uint minor)) return false;
        entry = new MountEntry(Unescape(parts[4]), major, minor, parts[dash + 1], Unescape(parts[dash + 2]));
        return true;
    }

    // The kernel escapes space, tab, newline and backslash as \ooo octal.
    private static string Unescape(string s)
    {
        if (!s.Contains('\\')) return s;
        byte[] src = Encoding.UTF8.GetBytes(s);
        var dst = new List<byte>(src.Length);
        for (int i = 0; i < src.Length; i++)
        {
            if (src[i] == '\\' && i + 3 < src.Length && IsOctal(src[i + 1]) && IsOctal(src[i + 2]) && IsOctal(src[i + 3]))
            {
                dst.Add((byte)((src[i + 1] - '0') * 64 + (src[i + 2] - '0') * 8 + (src[i + 3] - '0')));
                i += 3;
            }
            else
            {
                dst.Add(src[i]);
            }
        }
        return Encoding.UTF8.GetString(dst.ToArray());
    }

    private static bool IsOctal(byte b) => b >= '0' && b <= '7';
}
