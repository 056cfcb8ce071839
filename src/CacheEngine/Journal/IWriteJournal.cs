namespace GatewayFs.CacheEngine;

/// <summary>
/// The durable write-back journal of dirty data and namespace operations.
/// <para>Append returns once the record is in the journal's memory; <see cref="CommitAsync"/>
/// returns once every record appended before the call is on disk and will come back after a
/// crash (concurrent commits are grouped into one disk write). Records are replayed on open,
/// in log order, and stay pending until retired; retired space is reclaimed from the head.</para>
/// <para>All members are thread-safe.</para>
/// </summary>
public interface IWriteJournal : IAsyncDisposable, IDisposable
{
    /// <summary>Largest data/payload length of one record; split larger writes.</summary>
    int MaxPayloadBytes { get; }

    /// <summary>
    /// Appends dirty bytes of a file. Waits while the journal is full, up to the configured
    /// time, then throws <see cref="JournalFullException"/>. Not durable until CommitAsync.
    /// </summary>
    ValueTask<JournalRecord> AppendWriteAsync(ulong volumeId, ulong fileId, long offset, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends a Truncate record or a custom record (kind ≥ <see cref="JournalRecordKind.FirstCustom"/>)
    /// with an opaque payload; same waiting rules as <see cref="AppendWriteAsync"/>.
    /// </summary>
    ValueTask<JournalRecord> AppendAsync(JournalRecordKind kind, ulong volumeId, ulong fileId, long offset, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken = default);

    /// <summary>Returns once every record appended before this call is durable.</summary>
    ValueTask CommitAsync(CancellationToken cancellationToken = default);

    /// <summary>The dirty runs of a file overlapping [offset, offset+length), in offset order, newest bytes only.</summary>
    IReadOnlyList<DirtyExtent> GetDirtyExtents(ulong volumeId, ulong fileId, long offset, long length);

    /// <summary>
    /// Copies the newest dirty bytes of [offset, offset+destination.Length) into destination and
    /// returns which runs it filled (the rest of destination is untouched: read it elsewhere).
    /// </summary>
    ValueTask<IReadOnlyList<DirtyExtent>> ReadDirtyAsync(ulong volumeId, ulong fileId, long offset, Memory<byte> destination, CancellationToken cancellationToken = default);

    /// <summary>Reads a pending record's payload (the data of a Write record). Throws if it was retired and reclaimed.</summary>
    ValueTask<byte[]> ReadPayloadAsync(JournalRecord record, CancellationToken cancellationToken = default);

    /// <summary>Every pending (not retired) record, in log order. After open this is the replay.</summary>
    IReadOnlyList<JournalRecord> GetPending();

    /// <summary>The pending records of one file, in log order.</summary>
    IReadOnlyList<JournalRecord> GetPending(ulong volumeId, ulong fileId);

    /// <summary>Files with pending records, each once, ordered by their oldest pending record.</summary>
    IReadOnlyList<(ulong VolumeId, ulong FileId)> GetPendingFiles();

    /// <summary>Retires records (their upload is durable): they leave the pending set and the dirty index.</summary>
    void Retire(IEnumerable<JournalRecord> records);

    /// <summary>Retires every pending record of the file at or below the given address (all kinds).</summary>
    void RetireFile(ulong volumeId, ulong fileId, long upToAddress);

    /// <summary>Current accounting.</summary>
    JournalStats Stats { get; }
}
