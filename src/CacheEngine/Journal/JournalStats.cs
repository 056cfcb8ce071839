namespace GatewayFs.CacheEngine;

/// <summary>A snapshot of the journal's accounting, for status output and metrics.</summary>
public sealed record JournalStats(
    long UsedBytes,
    long LimitBytes,
    long DirtyBytes,
    int PendingRecords,
    int DirtyFiles,
    long Appends,
    long Commits,
    long FullWaits,
    long FullRejections,
    long Relocations);
