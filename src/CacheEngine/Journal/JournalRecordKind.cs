namespace GatewayFs.CacheEngine;

/// <summary>
/// The type byte of a journal record. The journal understands <see cref="Write"/> and
/// <see cref="Truncate"/> (they drive the dirty-range index); values from
/// <see cref="FirstCustom"/> up are the volume's own (create, rename, unlink, setattr, ...):
/// the journal stores, orders, replays and retires them without reading their payload.
/// </summary>
public enum JournalRecordKind : byte
{
    /// <summary>Dirty bytes of a file: payload = data written at Offset.</summary>
    Write = 1,

    /// <summary>The file's size became Offset: dirty bytes at or beyond it are no longer read back.</summary>
    Truncate = 2,

    /// <summary>First value available to callers; 16..255 are theirs.</summary>
    FirstCustom = 16,
}
