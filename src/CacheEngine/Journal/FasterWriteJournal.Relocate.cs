using System.Buffers;
using FASTER.core;
using GatewayFs.CacheEngine.Journal;
using Microsoft.Extensions.Logging;

namespace GatewayFs.CacheEngine;

public sealed partial class FasterWriteJournal
{
    private int _relocating;

    /// <summary>
    /// The head can only move past retired records. One file whose upload keeps failing would
    /// otherwise pin it while everything after it is uploaded, until the journal is full. When
    /// the log is over half its limit and its oldest stretch (a quarter of it, at least a
    /// segment) is mostly dead, the live records there are copied to the tail so the head can
    /// move. A copy keeps the record's identity (its original address, sequence and content),
    /// so callers, replay order and the dirty index do not see the move. When a writer is
    /// already waiting for space, a stretch that is up to three quarters live is moved too:
    /// copying beats failing the write.
    /// </summary>
    private void MaybeRelocate(bool underPressure = false)
    {
        if (Volatile.Read(ref _disposed) != 0 || Volatile.Read(ref _relocating) != 0) return;
        long used = UsedBytes;
        if (used < _options.SizeLimitBytes / 2) return;
        var victims = new List<(long Identity, long Physical)>();
        lock (_indexLock)
        {
            long window = Math.Max(_options.SegmentSizeBytes, used / 4);
            long cutoff = _log.BeginAddress + window;
            long live = 0;
            foreach (var (physical, identity) in _byPhysical)
            {
                if (physical >= cutoff) break;
                victims.Add((identity, physical));
                live += RecordCodec.HeaderSize + _live[identity].Length;
            }
            if (victims.Count == 0 || live > (underPressure ? window * 3 / 4 : window / 4)) return;
        }
        if (Interlocked.CompareExchange(ref _relocating, 1, 0) != 0) return;
        _ = Task.Run(async () =>
        {
            try
            {
                await RelocateAsync(victims).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or FasterException or ObjectDisposedException or InvalidOperationException)
            {
                _logger.LogWarning(e, "journal: moving {Count} old records to the tail failed; the head stays where it is", victims.Count);
            }
            finally
            {
                Volatile.Write(ref _relocating, 0);
            }
        });
    }

    private async Task RelocateAsync(List<(long Identity, long Physical)> victims)
    {
        var moved = new List<(long Identity, long Old, long New)>();
        foreach (var (identity, physical) in victims)
        {
            if (physical < _log.BeginAddress || Volatile.Read(ref _disposed) != 0) continue;
            var (owner, length) = await _log.ReadAsync(physical, MemoryPool<byte>.Shared).ConfigureAwait(false);
            if (owner is null) continue;
            byte[] original;
            using (owner)
            {
                var span = owner.Memory.Span[..length];
                var outer = RecordCodec.TryDecode(span, physical, keepPayload: false, out var error)
                    ?? throw new JournalCorruptException($"journal relocation: {error}");
                // Always move the original entry, never a copy of a copy.
                original = (outer.Kind == RecordCodec.Relocated ? span[RecordCodec.HeaderSize..] : span).ToArray();
            }
            ulong hash = RecordCodec.PayloadHash(original);
            while (true)
            {
                // Liveness is checked under the append lock: a retire either happened before
                // (then nothing is copied) or its marker lands after the copy (replay drops both).
                lock (_appendLock)
                {
                    JournalRecord? record;
                    lock (_indexLock) record = _live.TryGetValue(identity, out var r) && PhysicalOf(identity) == physical ? r : null;
                    if (record is null) break;
                    var entry = new RecordCodec.Entry(RecordCodec.Relocated, _nextSequence, record.VolumeId, record.FileId, identity, original, hash);
                    if (_log.TryEnqueue(entry, out long address))
                    {
                        _nextSequence++;
                        moved.Add((identity, physical, address));
                        break;
                    }
                }
                await Task.Delay(1).ConfigureAwait(false);
            }
        }
        if (moved.Count == 0) return;
        // The copies must be durable before the head may pass the originals.
        await CommitAsync().ConfigureAwait(false);
        lock (_appendLock)
        {
            lock (_indexLock)
            {
                foreach (var (identity, old, now) in moved)
                {
                    if (!_live.ContainsKey(identity) || PhysicalOf(identity) != old) continue;
                    _byPhysical.Remove(old);
                    _byPhysical[now] = identity;
                    _relocated[identity] = now;
                    Interlocked.Increment(ref _relocations);
                }
            }
        }
        _logger.LogInformation("journal: moved {Count} old records to the tail to reclaim space", moved.Count);
        Reclaim();
    }
}
