using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace GatewayFs.Bench.Fuse;

/// <summary>
/// Counts the runtime's allocation ticks (one per ~100 KB allocated) by type, to show what a
/// workload allocates (fuse-serve --gc-stats).
/// </summary>
internal sealed class AllocTicks : EventListener
{
    private readonly ConcurrentDictionary<string, int> _types = new();

    /// <summary>Allocated bytes, collections and the most frequent allocated types so far.</summary>
    public string Summary() =>
        $"allocated {GC.GetTotalAllocatedBytes() >> 20} MiB, gen0/1/2 {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}; ticks: " +
        string.Join(", ", _types.OrderByDescending(kv => kv.Value).Take(8).Select(kv => $"{kv.Key} {kv.Value}"));

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
            EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x1); // GC keyword
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e.EventName?.StartsWith("GCAllocationTick") != true || e.Payload is null || e.PayloadNames is null) return;
        int i = e.PayloadNames.IndexOf("TypeName");
        if (i >= 0) _types.AddOrUpdate(e.Payload[i]?.ToString() ?? "?", 1, (_, v) => v + 1);
    }
}
