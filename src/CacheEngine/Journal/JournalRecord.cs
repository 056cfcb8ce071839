namespace GatewayFs.CacheEngine;

/// <summary>
/// One record of the write-back journal as returned by append, replay and pending-work
/// iteration. <see cref="Address"/> orders records (log order) and identifies them for
/// retirement. For custom kinds and Truncate the payload is held in memory; for Write records
/// it stays on disk (read it with <see cref="IWriteJournal.ReadPayloadAsync"/>).
/// </summary>
public sealed record JournalRecord(
    long Address,
    ulong Sequence,
    JournalRecordKind Kind,
    ulong VolumeId,
    ulong FileId,
    long Offset,
    int Length,
    ReadOnlyMemory<byte> Payload)
{
    /// <summary>End offset (exclusive) of a Write record's data in the file.</summary>
    public long End => Offset + Length;
}
