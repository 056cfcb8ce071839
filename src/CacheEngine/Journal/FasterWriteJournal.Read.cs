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
        var recordOffsets = new Dictionary<long, long>();
        long pin;
        lock (_indexLock)
        {
            if (!_files.TryGetValue((volumeId, fileId), out var state)) return [];
            extents = state.Extents.Query(offset, destination.Length);
            if (extents.Count == 0) return extents;
            long lowest = long.MaxValue;
            foreach (var e in extents)
            {
                recordOffsets[e.RecordAddress] = _live[e.RecordAddress].Offset;
                lowest = Math.Min(lowest, e.RecordAddress);
            }
            // Retirement may happen while we read; the pin keeps the head from being truncated past us.
            pin = ++_nextPin;
            _pins[pin] = lowest;
        }
        try
        {
            long highest = extents.Max(e => e.RecordAddress);
            // FasterLog reads only committed records back from disk.
            if (highest >= _log.CommittedUntilAddress) await CommitAsync(cancellationToken).ConfigureAwait(false);
            foreach (var group in extents.GroupBy(e => e.RecordAddress))
            {
                var (owner, length) = await ReadEntryAsync(group.Key, cancellationToken).ConfigureAwait(false);
                using (owner)
                {
                    long recordOffset = recordOffsets[group.Key];
                    var payload = owner.Memory.Span[RecordCodec.HeaderSize..length];
                    foreach (var e in group)
                        payload.Slice((int)(e.Offset - recordOffset), (int)e.Length).CopyTo(destination.Span[(int)(e.Offset - offset)..]);
                }
            }
            return extents;
        }
        finally
        {
            lock (_indexLock) _pins.Remove(pin);
        }
    }

    /// <inheritdoc />
    public async ValueTask<byte[]> ReadPayloadAsync(JournalRecord record, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (record.Address >= _log.CommittedUntilAddress) await CommitAsync(cancellationToken).ConfigureAwait(false);
        var (owner, length) = await ReadEntryAsync(record.Address, cancellationToken).ConfigureAwait(false);
        using (owner) return owner.Memory.Span[RecordCodec.HeaderSize..length].ToArray();
    }

    /// <summary>Reads and verifies the log entry at an address; the caller disposes the buffer.</summary>
    private async ValueTask<(IMemoryOwner<byte> Owner, int Length)> ReadEntryAsync(long address, CancellationToken ct)
    {
        if (address < _log.BeginAddress)
            throw new InvalidOperationException($"journal record at {address} was retired and its space reclaimed");
        var (owner, length) = await _log.ReadAsync(address, MemoryPool<byte>.Shared, 0, ct).ConfigureAwait(false);
        if (owner is null)
            throw new JournalCorruptException($"journal record at {address} could not be read back (begin {_log.BeginAddress}, committed until {_log.CommittedUntilAddress})");
        if (RecordCodec.TryDecode(owner.Memory.Span[..length], address, keepPayload: false, out var error) is null)
        {
            owner.Dispose();
            throw new JournalCorruptException($"journal read: {error}");
        }
        return (owner, length);
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
