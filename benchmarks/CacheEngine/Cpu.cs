using System.Diagnostics;

namespace GatewayFs.Bench.CacheEngine;

/// <summary>Process CPU time over a phase: on a shared, loaded machine this is steadier than wall time.</summary>
public readonly struct Cpu
{
    private readonly TimeSpan _start;

    private Cpu(TimeSpan start) => _start = start;

    public static Cpu Start() => new(Process.GetCurrentProcess().TotalProcessorTime);

    /// <summary>CPU microseconds spent per MiB of data since Start.</summary>
    public double MicrosecondsPer(long bytes)
        => (Process.GetCurrentProcess().TotalProcessorTime - _start).TotalMicroseconds / (bytes / 1048576.0);
}
