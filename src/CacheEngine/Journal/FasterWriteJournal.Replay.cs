using System.Buffers.Binary;
using FASTER.core;
using GatewayFs.CacheEngine.Journal;

namespace GatewayFs.CacheEngine;

public sealed partial class FasterWriteJournal
{
    /// <summary>
    /// Rebuilds the live set and the dirty index from the recovered log: every committed record
    /// from the head to the commit point, in order. FasterLog recovery already cut the log at the
    /// last commit whose entries all pass their checksums; a committed record that fails ours is
    /// corruption and stops the open.
    /// </summary>
    private void Replay()
    {
        long end = _log.CommittedUntilAddress;
        ulong maxSequence = 0;
        using var iterator = _log.Scan(_log.BeginAddress, end, scanUncommitted: false);
        try
        {
            while (iterator.GetNext(out byte[] entry, out int length, out long address))
            {
                var record = RecordCodec.TryDecode(entry.AsSpan(0, length), address, keepPayload: false, out var error)
                    ?? throw new JournalCorruptException($"journal replay: {error}");
                maxSequence = Math.Max(maxSequence, record.Sequence);
                lock (_indexLock)
                {
                    if (record.Kind == RecordCodec.Retire) ApplyRetireMarker(entry.AsSpan(RecordCodec.HeaderSize, record.Length));
                    else Apply(record.Kind == JournalRecordKind.Write ? record : record with { Payload = entry.AsSpan(RecordCodec.HeaderSize, record.Length).ToArray() });
                }
            }
        }
        catch (Exception e) when (e is FasterException or IOException and not JournalCorruptException)
        {
            throw new JournalCorruptException($"journal replay failed reading the log between {_log.BeginAddress} and {end}: {e.Message}", e);
        }
        _nextSequence = maxSequence + 1;
    }

    private void ApplyRetireMarker(ReadOnlySpan<byte> payload)
    {
        for (int i = 0; i + 8 <= payload.Length; i += 8)
            RemoveLocked(BinaryPrimitives.ReadInt64LittleEndian(payload[i..]));
    }
}
