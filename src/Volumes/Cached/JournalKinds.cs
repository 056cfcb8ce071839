using GatewayFs.CacheEngine;

namespace GatewayFs.Volumes.Cached;

/// <summary>The cached volume's own journal record kinds (beside the journal's Write and Truncate).</summary>
internal static class JournalKinds
{
    /// <summary>Payload: a <see cref="FileSnapshot"/>.</summary>
    public const JournalRecordKind Snapshot = JournalRecordKind.FirstCustom;

    /// <summary>The file was unlinked before its upload: drop it on replay. No payload.</summary>
    public const JournalRecordKind Discard = JournalRecordKind.FirstCustom + 1;

    /// <summary>
    /// An upload is about to write to the store. Payload: the token (UTF-8) it puts into the
    /// object's metadata, by which a write that landed unanswered is recognised after a restart.
    /// </summary>
    public const JournalRecordKind Upload = JournalRecordKind.FirstCustom + 2;
}
