using System.Diagnostics;
using Xunit;

namespace GatewayFs.Tests.Cli.Infrastructure;

/// <summary>Process facts from /proc, and signals.</summary>
public static class Processes
{
    /// <summary>True while <paramref name="pid"/> runs (zombies count as gone).</summary>
    public static bool Exists(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return !stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z');
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Direct children of <paramref name="pid"/>.</summary>
    public static IEnumerable<int> Children(int pid)
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var child)) continue;
            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(dir, "stat"));
            }
            catch (IOException)
            {
                continue;
            }
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            if (int.Parse(fields[1]) == pid) yield return child;
        }
    }

    /// <summary>The command name of <paramref name="pid"/>, empty when gone.</summary>
    public static string Comm(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").Trim();
        }
        catch (IOException)
        {
            return "";
        }
    }

    /// <summary>Sends SIG<paramref name="signal"/> with kill(1); returns its exit code.</summary>
    public static int Signal(int pid, string signal)
    {
        using var p = Process.Start("kill", [$"-{signal}", pid.ToString()]);
        p.WaitForExit();
        return p.ExitCode;
    }

    /// <summary>Waits (up to 20 s) for <paramref name="condition"/>; fails the test otherwise.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition)
    {
        var sw = Stopwatch.StartNew();
        while (!condition() && sw.Elapsed < TimeSpan.FromSeconds(20)) await Task.Delay(50);
        Assert.True(condition(), "condition not reached in time");
    }
}
