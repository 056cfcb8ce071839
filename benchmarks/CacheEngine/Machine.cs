using System.Diagnostics;

namespace GatewayFs.Bench.CacheEngine;

/// <summary>What the run ran on, in one line.</summary>
public static class Machine
{
    public static string Describe(string dir)
    {
        string cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name"))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        long memKb = long.Parse(File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal")).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
        string kernel = File.ReadAllText("/proc/sys/kernel/osrelease").Trim();
        return $"{Environment.MachineName} ({cpu}, {Environment.ProcessorCount} cores, {memKb >> 20} GiB RAM, Linux {kernel}, .NET {Environment.Version}), filesystem: {Run("df", "-hT", dir).Split('\n').Skip(1).FirstOrDefault()?.Trim()}";
    }

    public static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    private static string Run(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return output;
    }
}
