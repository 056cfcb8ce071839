using System.Diagnostics;

namespace GatewayFs.Tests.Cli.Infrastructure;

/// <summary>The kernel's mount table as tests need it.</summary>
public static class Mounts
{
    /// <summary>The filesystem type mounted exactly at <paramref name="path"/>, or null.</summary>
    public static string? TypeAt(string path) =>
        Read().LastOrDefault(m => m.Mountpoint == path).FsType;

    /// <summary>Whether <paramref name="path"/> is a gatewayfs mount.</summary>
    public static bool IsGatewayfs(string path) => TypeAt(path) == "fuse.gatewayfs";

    /// <summary>Lazily unmounts everything at or below <paramref name="root"/>, deepest first.</summary>
    public static void DetachAllUnder(string root)
    {
        foreach (var (mp, _) in Read().Where(m => m.Mountpoint.StartsWith(root + "/", StringComparison.Ordinal)).OrderByDescending(m => m.Mountpoint.Length))
        {
            using var p = Process.Start(new ProcessStartInfo("umount", ["-l", mp]) { RedirectStandardError = true })!;
            p.WaitForExit();
        }
    }

    /// <summary>Waits until nothing is mounted below <paramref name="root"/>.</summary>
    public static async Task WaitGoneUnderAsync(string root, TimeSpan timeout)
    {
        var sw = Stopwatch.StartNew();
        while (Read().Any(m => m.Mountpoint.StartsWith(root + "/", StringComparison.Ordinal)) && sw.Elapsed < timeout)
            await Task.Delay(100);
    }

    /// <summary>Waits until <paramref name="path"/> is (or is no longer) a gatewayfs mount.</summary>
    public static async Task<bool> WaitAsync(string path, bool mounted, TimeSpan timeout)
    {
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed < timeout)
        {
            if (IsGatewayfs(path) == mounted) return true;
            await Task.Delay(100);
        }
        return IsGatewayfs(path) == mounted;
    }

    private static IEnumerable<(string Mountpoint, string FsType)> Read()
    {
        foreach (var line in File.ReadLines("/proc/self/mountinfo"))
        {
            var dash = line.IndexOf(" - ", StringComparison.Ordinal);
            if (dash < 0) continue;
            var left = line[..dash].Split(' ');
            var right = line[(dash + 3)..].Split(' ');
            yield return (left[4].Replace("\\040", " "), right[0]);
        }
    }
}
