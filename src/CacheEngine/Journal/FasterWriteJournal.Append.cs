using GatewayFs.CacheEngine.Journal;

namespace GatewayFs.CacheEngine;

public sealed partial class FasterWriteJournal
{
    /// <inheritdoc />
    public ValueTask<JournalRecord> AppendWriteAsync(ulong volumeId, ulong fileId, long offset, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        if (offset < 0) throw new ArgumentOutOfRangeException(nameof(offset), offset, "a write offset must not be negative");
        return AppendCoreAsync(JournalRecordKind.Write, volumeId, fileId, offset, data, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<JournalRecord> AppendAsync(JournalRecordKind kind, ulong volumeId, ulong fileId, long offset, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken = default)
    {
        if (kind == JournalRecordKind.Write) return AppendWriteAsync(volumeId, fileId, offset, payload, cancellationToken);
        if (kind != JournalRecordKind.Truncate && kind < JournalRecordKind.FirstCustom)
            throw new ArgumentException($"journal record kind {(byte)kind} is reserved: use Write, Truncate or a kind of {(byte)JournalRecordKind.FirstCustom} or more", nameof(kind));
        if (kind == JournalRecordKind.Truncate && offset < 0)
            throw new ArgumentOutOfRangeException(nameof(offset), offset, "a truncate size must not be negative");
        return AppendCoreAsync(kind, volumeId, fileId, offset, payload, cancellationToken);
    }

    private async ValueTask<JournalRecord> AppendCoreAsync(JournalRecordKind kind, ulong volumeId, ulong fileId, long offset, ReadOnlyMemory<byte> payload, CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (payload.Length > MaxPayloadBytes)
            throw new ArgumentException($"journal record payload of {payload.Length} bytes exceeds the maximum of {MaxPayloadBytes}: split the write", nameof(payload));
        ulong payloadHash = RecordCodec.PayloadHash(payload.Span);
        await WaitForSpaceAsync(RecordCodec.HeaderSize + payload.Length, ct).ConfigureAwait(false);
        var record = await EnqueueAsync(kind, volumeId, fileId, offset, payload, payloadHash, ct).ConfigureAwait(false);
        Interlocked.Increment(ref _appends);
        return record;
    }

    /// <summary>Appends a journal-internal record (no space wait: these are tiny and free space).</summary>
    private ValueTask<JournalRecord> AppendInternalAsync(JournalRecordKind kind, ReadOnlyMemory<byte> payload, CancellationToken ct)
        => EnqueueAsync(kind, 0, 0, 0, payload, RecordCodec.PayloadHash(payload.Span), ct);

    private async ValueTask<JournalRecord> EnqueueAsync(JournalRecordKind kind, ulong volumeId, ulong fileId, long offset, ReadOnlyMemory<byte> payload, ulong payloadHash, CancellationToken ct)
    {
        while (true)
        {
            // The sequence is taken under the same lock as the log append, so sequence order is
            // log order and the index sees records in the order replay will.
            lock (_appendLock)
            {
                ulong sequence = _nextSequence;
                var entry = new RecordCodec.Entry(kind, sequence, volumeId, fileId, offset, payload, payloadHash);
                if (_log.TryEnqueue(entry, out long address))
                {
                    _nextSequence++;
                    var kept = kind == JournalRecordKind.Write || kind == RecordCodec.Retire ? ReadOnlyMemory<byte>.Empty : payload.ToArray();
                    var record = new JournalRecord(address, sequence, kind, volumeId, fileId, offset, payload.Length, kept);
                    if (kind != RecordCodec.Retire)
                        lock (_indexLock) Apply(record, address);
                    return record;
                }
            }
            // The log's memory is full until a flush completes.
            await Task.Delay(1, ct).ConfigureAwait(false);
        }
    }

    private async ValueTask WaitForSpaceAsync(int bytes, CancellationToken ct)
    {
        if (UsedBytes + bytes <= _options.SizeLimitBytes) return;
        Interlocked.Increment(ref _fullWaits);
        MaybeRelocate(underPressure: true);
        var deadline = DateTime.UtcNow + _options.FullWaitTimeout;
        while (true)
        {
            var signal = Volatile.Read(ref _spaceFreed);
            long used = UsedBytes;
            if (used + bytes <= _options.SizeLimitBytes) return;
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
            MaybeRelocate(underPressure: true);
            var remaining = deadline - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero)
            {
                Interlocked.Increment(ref _fullRejections);
                throw new JournalFullException(
                    $"write-back journal is full: {used} of {_options.SizeLimitBytes} bytes hold data not yet uploaded and a {bytes}-byte record waited {_options.FullWaitTimeout.TotalSeconds:0.#} s for space; uploads free space, or raise the journal size");
            }
            try
            {
                await signal.Task.WaitAsync(remaining, ct).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // Loop once more: the check above reports the failure with the current numbers.
            }
        }
    }

    /// <summary>Adds a pending record to the live set and, for Write/Truncate, to the file's dirty runs. Caller holds _indexLock.</summary>
    private void Apply(JournalRecord record, long physical)
    {
        _live[record.Address] = record;
        _byPhysical[physical] = record.Address;
        if (physical != record.Address) _relocated[record.Address] = physical;
        var key = (record.VolumeId, record.FileId);
        if (!_files.TryGetValue(key, out var state)) _files[key] = state = new FileState();
        state.Live.Add(record.Address);
        if (record.Kind == JournalRecordKind.Write)
        {
            state.Extents.Add(record.Offset, record.Length, record.Address);
            _dirtyBytes += record.Length;
        }
        else if (record.Kind == JournalRecordKind.Truncate)
        {
            state.Extents.Truncate(record.Offset);
        }
    }
}
