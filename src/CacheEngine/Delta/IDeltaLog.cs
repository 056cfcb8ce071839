namespace GatewayFs.CacheEngine;

/// <summary>
/// Which blocks of a stored volume changed since its last durable snapshot, in epochs.
/// Each volume starts in epoch 1. <see cref="BeginSnapshotAsync"/> closes the current epoch and
/// opens the next (changes recorded after it returns land in the new epoch); once the snapshot
/// of the closed epochs is durable in S3, <see cref="TruncateAsync"/> forgets them. Everything
/// survives restarts: a change is durable when <see cref="RecordAsync"/> returns.
/// All members are thread-safe.
/// </summary>
public interface IDeltaLog : IAsyncDisposable, IDisposable
{
    /// <summary>The volume's open epoch.</summary>
    long CurrentEpoch(ulong volumeId);

    /// <summary>
    /// Records that a block changed. Returns once that is durable; call it before (or with) the
    /// data write, so a crash can never leave a changed block unrecorded. Repeats within an epoch
    /// cost no I/O.
    /// </summary>
    ValueTask RecordAsync(ulong volumeId, ulong fileId, long blockIndex, CancellationToken cancellationToken = default);

    /// <summary>Closes the current epoch durably and returns its number.</summary>
    ValueTask<long> BeginSnapshotAsync(ulong volumeId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Distinct blocks changed in the volume's retained epochs up to and including throughEpoch,
    /// sorted by file then block. Pass a closed epoch: the open one is still changing.
    /// </summary>
    IReadOnlyList<ChangedBlock> GetChangedBlocks(ulong volumeId, long throughEpoch);

    /// <summary>Epochs still retained (closed ones not yet truncated, and the open one), ascending.</summary>
    IReadOnlyList<long> GetEpochs(ulong volumeId);

    /// <summary>Forgets epochs up to and including throughEpoch (their snapshot is durable) and reclaims their space.</summary>
    ValueTask TruncateAsync(ulong volumeId, long throughEpoch, CancellationToken cancellationToken = default);
}
