using System.Buffers.Binary;
using FASTER.core;
using GatewayFs.CacheEngine.Journal;

namespace GatewayFs.CacheEngine;

public sealed partial class FasterWriteJournal
{
    /// <summary>
    /// Rebuilds the live set and the dirty index from the recovered log: every committed record
    /// from the head to the commit point. FasterLog recovery already cut the log at the last
    /// commit whose entries all pass their checksums; a committed record that fails ours is
    /// corruption and stops the open. Records are applied in identity (original address)
    /// order once the scan is done, because a relocated record sits later in the log than
    /// records that are newer than it.
    /// </summary>
    private void Replay()
    {
        long end = _log.CommittedUntilAddress;
        ulong maxSequence = 0;
        var found = new SortedDictionary<long, (JournalRecord Record, long Physical)>();
        using var iterator = _log.Scan(_log.BeginAddress, end, scanUncommitted: false);
        try
        {
            while (iterator.GetNext(out byte[] entry, out int length, out long address))
            {
                var record = Decode(entry.AsSpan(0, length), address);
                maxSequence = Math.Max(maxSequence, record.Sequence);
                var payload = entry.AsSpan(RecordCodec.HeaderSize, record.Length);
                if (record.Kind == RecordCodec.Retire)
                {
                    for (int i = 0; i + 8 <= payload.Length; i += 8) found.Remove(BinaryPrimitives.ReadInt64LittleEndian(payload[i..]));
                }
                else if (record.Kind == RecordCodec.Relocated)
                {
                    // The moved copy replaces the original (same identity), wherever that was.
                    long identity = record.Offset;
                    var inner = Decode(payload, identity) with { Address = identity };
                    maxSequence = Math.Max(maxSequence, inner.Sequence);
                    found[identity] = (KeepPayload(inner, payload[RecordCodec.HeaderSize..]), address);
                }
                else
                {
                    found[address] = (KeepPayload(record, payload), address);
                }
            }
        }
        catch (Exception e) when (e is FasterException or IOException and not JournalCorruptException)
        {
            throw new JournalCorruptException($"journal replay failed reading the log between {_log.BeginAddress} and {end}: {e.Message}", e);
        }
        lock (_indexLock)
            foreach (var (record, physical) in found.Values) Apply(record, physical);
        _nextSequence = maxSequence + 1;
    }

    private static JournalRecord Decode(ReadOnlySpan<byte> entry, long address)
        => RecordCodec.TryDecode(entry, address, keepPayload: false, out var error) ?? throw new JournalCorruptException($"journal replay: {error}");

    /// <summary>Non-Write records keep their payload in memory (see <see cref="JournalRecord"/>).</summary>
    private static JournalRecord KeepPayload(JournalRecord record, ReadOnlySpan<byte> payload)
        => record.Kind == JournalRecordKind.Write ? record : record with { Payload = payload.ToArray() };
}
