using System.Buffers.Binary;
using Microsoft.Extensions.Logging;

namespace GatewayFs.CacheEngine;

/// <summary>
/// <see cref="IDeltaLog"/> stored in a write journal of its own, so it shares the journal's
/// group commit, checksums, replay and space reclamation. Records: "changed" (volume, file,
/// block, epoch) once per block per epoch, an epoch marker per <see cref="BeginSnapshotAsync"/>,
/// and a truncation marker (the newest is kept) per <see cref="TruncateAsync"/>. Truncating
/// retires the epochs' records; the journal then frees the space.
/// </summary>
/// <remarks>
/// Lock order: <c>_appendGate</c> (async, serializes appends so epoch and record order agree)
/// before <c>_state</c> (the in-memory sets).
/// </remarks>
public sealed class DeltaLog : IDeltaLog
{
    private const JournalRecordKind Changed = JournalRecordKind.FirstCustom;
    private const JournalRecordKind EpochMarker = JournalRecordKind.FirstCustom + 1;
    private const JournalRecordKind TruncationMarker = JournalRecordKind.FirstCustom + 2;

    private readonly FasterWriteJournal _journal;
    private readonly SemaphoreSlim _appendGate = new(1, 1);
    private readonly object _state = new();
    private readonly Dictionary<ulong, VolumeState> _volumes = new();

    private DeltaLog(FasterWriteJournal journal)
    {
        _journal = journal;
        foreach (var r in journal.GetPending()) Replay(r);
        foreach (var v in _volumes.Values)
            foreach (var e in v.Epochs.Keys.Where(e => e <= v.TruncatedThrough).ToList()) v.Epochs.Remove(e);
    }

    /// <summary>Opens (or creates) the delta log and rebuilds the epochs from it.</summary>
    public static async Task<DeltaLog> OpenAsync(DeltaLogOptions options, ILogger? logger = null, CancellationToken cancellationToken = default)
        => new(await FasterWriteJournal.OpenAsync(options.ToJournalOptions(), logger, cancellationToken).ConfigureAwait(false));

    private void Replay(JournalRecord r)
    {
        var v = Volume(r.VolumeId);
        if (r.Kind == EpochMarker)
        {
            v.Current = Math.Max(v.Current, r.Offset);
            v.Markers.Add(r);
            v.Epochs.TryAdd(r.Offset - 1, new());
            v.Epochs.TryAdd(r.Offset, new());
        }
        else if (r.Kind == TruncationMarker)
        {
            v.TruncatedThrough = Math.Max(v.TruncatedThrough, r.Offset);
            v.Truncation = r;
        }
        else if (r.Kind == Changed)
        {
            long epoch = BinaryPrimitives.ReadInt64LittleEndian(r.Payload.Span);
            if (!v.Epochs.TryGetValue(epoch, out var set)) v.Epochs[epoch] = set = new();
            set[new ChangedBlock(r.FileId, r.Offset)] = r;
            v.Current = Math.Max(v.Current, epoch);
        }
    }

    private VolumeState Volume(ulong volumeId)
    {
        if (!_volumes.TryGetValue(volumeId, out var v)) _volumes[volumeId] = v = new VolumeState();
        return v;
    }

    /// <inheritdoc />
    public long CurrentEpoch(ulong volumeId)
    {
        lock (_state) return Volume(volumeId).Current;
    }

    /// <inheritdoc />
    public async ValueTask RecordAsync(ulong volumeId, ulong fileId, long blockIndex, CancellationToken cancellationToken = default)
    {
        if (blockIndex < 0) throw new ArgumentOutOfRangeException(nameof(blockIndex), blockIndex, "a block index must not be negative");
        var block = new ChangedBlock(fileId, blockIndex);
        if (IsRecorded(volumeId, block, out bool needsCommit))
        {
            // Recorded by someone else; it may not be durable yet.
            if (needsCommit) await _journal.CommitAsync(cancellationToken).ConfigureAwait(false);
            return;
        }
        await _appendGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!IsRecorded(volumeId, block, out _))
            {
                long epoch = CurrentEpoch(volumeId);
                var payload = new byte[8];
                BinaryPrimitives.WriteInt64LittleEndian(payload, epoch);
                var record = await _journal.AppendAsync(Changed, volumeId, fileId, blockIndex, payload, cancellationToken).ConfigureAwait(false);
                lock (_state)
                {
                    var v = Volume(volumeId);
                    if (!v.Epochs.TryGetValue(epoch, out var set)) v.Epochs[epoch] = set = new();
                    set[block] = record;
                }
            }
        }
        finally
        {
            _appendGate.Release();
        }
        await _journal.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private bool IsRecorded(ulong volumeId, ChangedBlock block, out bool needsCommit)
    {
        lock (_state)
        {
            var v = Volume(volumeId);
            needsCommit = false;
            if (!v.Epochs.TryGetValue(v.Current, out var set) || !set.TryGetValue(block, out var r)) return false;
            needsCommit = !_journal.IsCommitted(r.Address);
            return true;
        }
    }

    /// <inheritdoc />
    public async ValueTask<long> BeginSnapshotAsync(ulong volumeId, CancellationToken cancellationToken = default)
    {
        long closed;
        await _appendGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            closed = CurrentEpoch(volumeId);
            var marker = await _journal.AppendAsync(EpochMarker, volumeId, 0, closed + 1, ReadOnlyMemory<byte>.Empty, cancellationToken).ConfigureAwait(false);
            lock (_state)
            {
                var v = Volume(volumeId);
                v.Current = closed + 1;
                v.Markers.Add(marker);
                v.Epochs.TryAdd(closed + 1, new());
                v.Epochs.TryAdd(closed, new());
            }
        }
        finally
        {
            _appendGate.Release();
        }
        await _journal.CommitAsync(cancellationToken).ConfigureAwait(false);
        return closed;
    }

    /// <inheritdoc />
    public IReadOnlyList<ChangedBlock> GetChangedBlocks(ulong volumeId, long throughEpoch)
    {
        lock (_state)
        {
            var v = Volume(volumeId);
            return v.Epochs.Where(e => e.Key <= throughEpoch)
                .SelectMany(e => e.Value.Keys)
                .Distinct()
                .OrderBy(b => b.FileId).ThenBy(b => b.BlockIndex)
                .ToList();
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<long> GetEpochs(ulong volumeId)
    {
        lock (_state)
        {
            var v = Volume(volumeId);
            return v.Epochs.Keys.Where(e => e > v.TruncatedThrough).Append(v.Current).Distinct().Order().ToList();
        }
    }

    /// <inheritdoc />
    public async ValueTask TruncateAsync(ulong volumeId, long throughEpoch, CancellationToken cancellationToken = default)
    {
        var retired = new List<JournalRecord>();
        lock (_state)
        {
            long current = Volume(volumeId).Current;
            if (throughEpoch >= current)
                throw new ArgumentOutOfRangeException(nameof(throughEpoch), throughEpoch, $"epoch {throughEpoch} is not closed (the open epoch is {current}): begin a snapshot first");
        }
        // The truncation marker goes first: the retire markers that follow can only be durable
        // if it is, so a restart never resurrects a truncated (and possibly empty) epoch.
        var marker = await _journal.AppendAsync(TruncationMarker, volumeId, 0, throughEpoch, ReadOnlyMemory<byte>.Empty, cancellationToken).ConfigureAwait(false);
        lock (_state)
        {
            var v = Volume(volumeId);
            if (v.Truncation is not null && v.Truncation.Offset <= throughEpoch) retired.Add(v.Truncation);
            if (v.Truncation is null || v.Truncation.Offset <= throughEpoch)
            {
                v.Truncation = marker;
                v.TruncatedThrough = throughEpoch;
            }
            else
            {
                retired.Add(marker);
            }
            foreach (var epoch in v.Epochs.Keys.Where(e => e <= throughEpoch).ToList())
            {
                retired.AddRange(v.Epochs[epoch].Values);
                v.Epochs.Remove(epoch);
            }
            // Markers of retained epochs stay: the newest one is what says which epoch is open.
            retired.AddRange(v.Markers.Where(m => m.Offset <= throughEpoch));
            v.Markers.RemoveAll(m => m.Offset <= throughEpoch);
        }
        _journal.Retire(retired);
        await _journal.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Journal accounting (for status and tests).</summary>
    public JournalStats Stats => _journal.Stats;

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _journal.DisposeAsync();

    /// <inheritdoc />
    public void Dispose() => _journal.Dispose();

    private sealed class VolumeState
    {
        internal long Current = 1;
        internal long TruncatedThrough;
        internal JournalRecord? Truncation;
        internal readonly SortedDictionary<long, Dictionary<ChangedBlock, JournalRecord>> Epochs = new();
        internal readonly List<JournalRecord> Markers = new();
    }
}
