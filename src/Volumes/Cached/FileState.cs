using GatewayFs.Fs;

namespace GatewayFs.Volumes.Cached;

/// <summary>
/// Local state of a regular file with changes not yet in the store: what it is based on, its
/// size and metadata. Its dirty bytes live in the write-back journal under <see cref="FileId"/>.
/// </summary>
/// <remarks>
/// Lock order: <see cref="Mutate"/> (async, held across journal appends and the upload commit,
/// never across store I/O) → <c>lock (this)</c> (field reads and updates, no awaits)
/// → the node table's lock.
/// </remarks>
internal sealed class FileState
{
    public FileState(Node node, ulong fileId, FileSnapshot s)
    {
        Node = node;
        FileId = fileId;
        Base = s.Base;
        BaseLength = s.BaseLength;
        Size = s.Size;
        Mode = s.Mode;
        Uid = s.Uid;
        Gid = s.Gid;
        Mtime = s.Mtime;
        Ctime = s.Mtime;
        Atime = s.Atime;
        MetaDirty = s.MetaDirty;
    }

    public Node Node { get; }

    /// <summary>The file's key in the journal; new for every file that becomes dirty.</summary>
    public ulong FileId { get; }

    /// <summary>Serializes changes (journal append + state update), the upload commit and dropping a clean state.</summary>
    public SemaphoreSlim Mutate { get; } = new(1, 1);

    /// <summary>The object whose bytes [0, <see cref="BaseLength"/>) underlie the file; null for a new file.</summary>
    public RemoteObject? Base { get; set; }

    /// <summary>Bytes of <see cref="Base"/> still part of the file; beyond it, the file is dirty bytes or zeros.</summary>
    public long BaseLength { get; set; }

    public long Size { get; set; }
    public uint Mode { get; set; }
    public uint Uid { get; set; }
    public uint Gid { get; set; }
    public FsTime Mtime { get; set; }
    public FsTime Ctime { get; set; }
    public FsTime Atime { get; set; }

    /// <summary>Metadata differs from the store's copy.</summary>
    public bool MetaDirty { get; set; }

    /// <summary>Journal address of the newest record of this file; 0 when it has none pending (clean).</summary>
    public long LastAddress { get; set; }

    /// <summary>Counts changes; an upload that saw change N leaves the file clean only if no change came after.</summary>
    public long Changes { get; set; }

    /// <summary>Bumped when the base changes under readers (upload commit): a read that spans one retries.</summary>
    public long BaseVersion { get; set; }

    /// <summary>Smallest size the file was truncated to while an upload ran (long.MaxValue: none).</summary>
    public long TruncatedDuringUpload { get; set; } = long.MaxValue;

    /// <summary>
    /// While above 0 (a rename moving the file's key), no upload starts: one that snapshotted the
    /// old path would write to a key the rename has already moved away from.
    /// </summary>
    public int UploadHolds { get; set; }

    /// <summary>Unlinked: nothing of it may reach the store any more.</summary>
    public bool Discarded { get; set; }

    /// <summary>Has changes not yet in the store.</summary>
    public bool IsDirty => LastAddress != 0;

    // Upload bookkeeping (guarded by lock (this)).
    public Task? Upload { get; set; }
    public CancellationTokenSource? UploadCancel { get; set; }
    public long DueAt { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }

    /// <summary>The change count the last completed upload covered (flush waits for it to pass its target).</summary>
    public long UploadedChanges { get; set; }

    /// <summary>
    /// Tokens of uploads that began writing but did not commit (cut off, failed, or from before a
    /// restart): one of them may have landed all the same (guarded by lock (this)).
    /// </summary>
    public List<string> UnconfirmedUploads { get; } = new();

    /// <summary>An upload has begun at least once, so the object may exist in the store even without a base.</summary>
    public bool MayBeInStore { get; set; }

    public FileSnapshot Snapshot() =>
        new(Node.Path, Base, BaseLength, Size, Mode, Uid, Gid, Mtime, Atime, MetaDirty);

    public PosixMetadata Posix => new(Mode, Uid, Gid, Mtime, Atime);
}
