using GatewayFs.Cli.Native;

namespace GatewayFs.Cli.Settings;

/// <summary>Free space where a cache directory lives (or will live), and what it already uses.</summary>
internal static class DiskSpace
{
    /// <summary>Bytes an unprivileged writer can still use on the filesystem of <paramref name="path"/> or its nearest existing ancestor.</summary>
    public static long Available(string path)
    {
        var existing = NearestExisting(path);
        if (Libc.statvfs(existing, out var s) != 0)
            throw new CliError($"cannot read the free space of {existing}: {Libc.LastErrorText()}");
        return (long)Math.Min(s.f_bavail * s.f_frsize, (ulong)long.MaxValue);
    }

    /// <summary>Bytes held by files under <paramref name="dir"/> except <paramref name="excludeDir"/>; 0 when it does not exist.</summary>
    public static long Used(string dir, string? excludeDir)
    {
        if (!Directory.Exists(dir)) return 0;
        long total = 0;
        var options = new EnumerationOptions { RecurseSubdirectories = false, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };
        var pending = new Stack<string>();
        pending.Push(dir);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            foreach (var sub in Directory.EnumerateDirectories(current, "*", options))
                if (excludeDir is null || !string.Equals(sub, excludeDir, StringComparison.Ordinal)) pending.Push(sub);
            foreach (var file in new DirectoryInfo(current).EnumerateFiles("*", options))
                total += file.Length;
        }
        return total;
    }

    private static string NearestExisting(string path)
    {
        var p = Path.GetFullPath(path);
        while (!Directory.Exists(p))
        {
            var parent = Path.GetDirectoryName(p);
            if (parent is null) return "/";
            p = parent;
        }
        return p;
    }
}
