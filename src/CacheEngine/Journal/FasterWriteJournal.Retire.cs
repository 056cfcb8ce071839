using System.Buffers.Binary;
using GatewayFs.CacheEngine.Journal;
using Microsoft.Extensions.Logging;

namespace GatewayFs.CacheEngine;

public sealed partial class FasterWriteJournal
{
    private const int RetireBatch = 4096;

    /// <inheritdoc />
    public void Retire(IEnumerable<JournalRecord> records)
    {
        var addresses = new List<long>();
        lock (_indexLock)
        {
            foreach (var r in records)
                if (RemoveLocked(r.Address)) addresses.Add(r.Address);
        }
        AfterRetire(addresses);
    }

    /// <inheritdoc />
    public void RetireFile(ulong volumeId, ulong fileId, long upToAddress)
    {
        var addresses = new List<long>();
        lock (_indexLock)
        {
            if (!_files.TryGetValue((volumeId, fileId), out var state)) return;
            foreach (var a in state.Live.GetViewBetween(long.MinValue, upToAddress).ToList())
                if (RemoveLocked(a)) addresses.Add(a);
        }
        AfterRetire(addresses);
    }

    /// <summary>Takes a record out of the live set and the dirty index. Caller holds _indexLock.</summary>
    private bool RemoveLocked(long address)
    {
        if (!_live.Remove(address, out var record)) return false;
        _byPhysical.Remove(PhysicalOf(address));
        _relocated.Remove(address);
        var key = (record.VolumeId, record.FileId);
        var state = _files[key];
        state.Live.Remove(address);
        if (record.Kind == JournalRecordKind.Write)
        {
            state.Extents.RemoveRecord(address);
            _dirtyBytes -= record.Length;
        }
        if (state.Live.Count == 0) _files.Remove(key);
        return true;
    }

    /// <summary>
    /// Records the retirement in the log (so a restart does not replay uploaded work; it becomes
    /// durable with the next commit) and moves the head past everything no longer needed.
    /// </summary>
    private void AfterRetire(List<long> addresses)
    {
        if (addresses.Count == 0) return;
        for (int i = 0; i < addresses.Count; i += RetireBatch)
        {
            int n = Math.Min(RetireBatch, addresses.Count - i);
            var payload = new byte[n * 8];
            for (int j = 0; j < n; j++) BinaryPrimitives.WriteInt64LittleEndian(payload.AsSpan(j * 8), addresses[i + j]);
            // Tiny records and the log has room (retiring frees space): this completes synchronously
            // unless the in-memory tail is momentarily full, in which case it finishes in the background.
            var pending = AppendInternalAsync(RecordCodec.Retire, payload, CancellationToken.None);
            if (!pending.IsCompleted) _ = ObserveAsync(pending);
        }
        Reclaim();
    }

    private async Task ObserveAsync(ValueTask<JournalRecord> pending)
    {
        try { await pending.ConfigureAwait(false); }
        catch (Exception e) when (e is ObjectDisposedException or IOException)
        {
            _logger.LogWarning(e, "journal: a retire marker was not written; the retired records will be replayed (and re-uploaded) after a restart");
        }
    }

    /// <summary>Truncates the log head up to the oldest record still needed and wakes writers waiting for space.</summary>
    private void Reclaim()
    {
        long target;
        // Under the append lock: a record is in the log before it is in the index, and a commit
        // by another thread can cover it in between; the lock closes that window.
        lock (_appendLock)
        {
            lock (_indexLock)
            {
                target = _byPhysical.Count > 0 ? _byPhysical.First().Key : long.MaxValue;
                foreach (var pinned in _pins.Values) target = Math.Min(target, pinned);
            }
            // A commit's end is always a record boundary, and nothing beyond it may be dropped.
            target = Math.Min(target, _log.CommittedUntilAddress);
        }
        if (target > _log.BeginAddress)
        {
            _log.TruncateUntil(target);
            // Persisting the new begin address is what lets FasterLog delete whole segments.
            _log.Commit();
        }
        Interlocked.Exchange(ref _spaceFreed, NewSignal()).TrySetResult();
        MaybeRelocate();
    }
}
