using System.Buffers;
using GatewayFs.CacheEngine.Journal;

namespace GatewayFs.CacheEngine;

public sealed partial class FasterWriteJournal
{
    /// <inheritdoc />
    public IReadOnlyList<DirtyExtent> GetDirtyExtents(ulong volumeId, ulong fileId, long offset, long length)
    {
        lock (_indexLock)
        {
            return _files.TryGetValue((volumeId, fileId), out var state) ? state.Extents.Query(offset, length) : [];
        }
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<DirtyExtent>> ReadDirtyAsync(ulong volumeId, ulong fileId, long offset, Memory<byte> destination, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        List<DirtyExtent> extents;
        var records = new Dictionary<long, (long Offset, long Physical)>();
        long pin;
        lock (_indexLock)
        {
            if (!_files.TryGetValue((volumeId, fileId), out var state)) return [];
            extents = state.Extents.Query(offset, destination.Length);
            if (extents.Count == 0) return extents;
            long lowest = long.MaxValue;
            foreach (var e in extents)
            {
                long physical = PhysicalOf(e.RecordAddress);
                records[e.RecordAddress] = (_live[e.RecordAddress].Offset, physical);
                lowest = Math.Min(lowest, physical);
            }
            pin = Pin(lowest);
        }
        try
        {
            // FasterLog reads only committed records back from disk.
            if (records.Values.Max(r => r.Physical) >= _log.CommittedUntilAddress) await CommitAsync(cancellationToken).ConfigureAwait(false);
            foreach (var group in extents.GroupBy(e => e.RecordAddress))
            {
                var (recordOffset, physical) = records[group.Key];
                var (owner, start, length) = await ReadEntryAsync(physical, cancellationToken).ConfigureAwait(false);
                using (owner)
                {
                    var payload = owner.Memory.Span.Slice(start, length);
                    foreach (var e in group)
                        payload.Slice((int)(e.Offset - recordOffset), (int)e.Length).CopyTo(destination.Span[(int)(e.Offset - offset)..]);
                }
            }
            return extents;
        }
        finally
        {
            Unpin(pin);
        }
    }

    /// <inheritdoc />
    public async ValueTask<byte[]> ReadPayloadAsync(JournalRecord record, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        long physical, pin;
        lock (_indexLock)
        {
            physical = _live.ContainsKey(record.Address) ? PhysicalOf(record.Address) : record.Address;
            pin = Pin(physical);
        }
        try
        {
            if (physical >= _log.CommittedUntilAddress) await CommitAsync(cancellationToken).ConfigureAwait(false);
            var (owner, start, length) = await ReadEntryAsync(physical, cancellationToken).ConfigureAwait(false);
            using (owner) return owner.Memory.Span.Slice(start, length).ToArray();
        }
        finally
        {
            Unpin(pin);
        }
    }

    /// <summary>Keeps the head from being truncated past an address while it is read. Caller holds _indexLock.</summary>
    private long Pin(long physical)
    {
        long pin = ++_nextPin;
        _pins[pin] = physical;
        return pin;
    }

    private void Unpin(long pin)
    {
        lock (_indexLock) _pins.Remove(pin);
    }

    /// <summary>
    /// Reads and verifies the log entry at a physical address, unwrapping a relocated record;
    /// returns the buffer (the caller disposes it) and where the record's payload is in it.
    /// </summary>
    private async ValueTask<(IMemoryOwner<byte> Owner, int Start, int Length)> ReadEntryAsync(long physical, CancellationToken ct)
    {
        if (physical < _log.BeginAddress)
            throw new InvalidOperationException($"journal record at {physical} was retired and its space reclaimed");
        var (owner, length) = await _log.ReadAsync(physical, MemoryPool<byte>.Shared, 0, ct).ConfigureAwait(false);
        if (owner is null)
            throw new JournalCorruptException($"journal record at {physical} could not be read back (begin {_log.BeginAddress}, committed until {_log.CommittedUntilAddress})");
        var span = owner.Memory.Span[..length];
        var record = RecordCodec.TryDecode(span, physical, keepPayload: false, out var error);
        if (record is not null && record.Kind == RecordCodec.Relocated)
        {
            span = span[RecordCodec.HeaderSize..];
            record = RecordCodec.TryDecode(span, record.Offset, keepPayload: false, out error);
            if (record is not null) return (owner, 2 * RecordCodec.HeaderSize, record.Length);
        }
        else if (record is not null)
        {
            return (owner, RecordCodec.HeaderSize, record.Length);
        }
        owner.Dispose();
        throw new JournalCorruptException($"journal read: {error}");
    }

    /// <inheritdoc />
    public IReadOnlyList<JournalRecord> GetPending()
    {
        lock (_indexLock) return _live.Values.ToList();
    }

    /// <inheritdoc />
    public IReadOnlyList<JournalRecord> GetPending(ulong volumeId, ulong fileId)
    {
        lock (_indexLock)
        {
            return _files.TryGetValue((volumeId, fileId), out var state) ? state.Live.Select(a => _live[a]).ToList() : [];
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<(ulong VolumeId, ulong FileId)> GetPendingFiles()
    {
        lock (_indexLock)
        {
            return _files.Where(f => f.Value.Live.Count > 0)
                .OrderBy(f => f.Value.Live.Min)
                .Select(f => f.Key)
                .ToList();
        }
    }
}
