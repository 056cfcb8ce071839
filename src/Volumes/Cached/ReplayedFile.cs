using GatewayFs.CacheEngine;
using GatewayFs.Fs;

namespace GatewayFs.Volumes.Cached;

/// <summary>One file's state as replay rebuilds it from the journal's pending records, in log order.</summary>
internal sealed class ReplayedFile
{
    public FileSnapshot? Snapshot { get; private set; }
    public bool Discarded { get; private set; }
    public long LastAddress { get; private set; }

    /// <summary>Tokens of the uploads that began writing after the snapshot (none of them committed).</summary>
    public List<string> UploadTokens { get; } = new();
    private bool _changedAfterSnapshot;
    private long _size, _baseLength;

    public void Apply(JournalRecord rec)
    {
        LastAddress = rec.Address;
        if (rec.Kind == JournalKinds.Snapshot)
        {
            var s = FileSnapshot.Decode(rec.Payload);
            Snapshot = s;
            Discarded = false;
            _size = s.Size;
            _baseLength = s.BaseLength;
            _changedAfterSnapshot = false;
            UploadTokens.Clear();
        }
        else if (rec.Kind == JournalKinds.Upload)
        {
            UploadTokens.Add(System.Text.Encoding.UTF8.GetString(rec.Payload.Span));
        }
        else if (rec.Kind == JournalKinds.Discard)
        {
            Discarded = true;
        }
        else if (rec.Kind == JournalRecordKind.Write)
        {
            _size = Math.Max(_size, rec.End);
            _changedAfterSnapshot = true;
        }
        else if (rec.Kind == JournalRecordKind.Truncate)
        {
            _size = rec.Offset;
            _baseLength = Math.Min(_baseLength, rec.Offset);
            _changedAfterSnapshot = true;
        }
    }

    /// <summary>True when the snapshot says the store already holds exactly this file (its upload finished but was not retired).</summary>
    public bool IsClean(IWriteJournal journal, ulong volumeId, ulong fileId) =>
        Snapshot is { MetaDirty: false, Base: { } b } && !_changedAfterSnapshot && b.Size == _size && _baseLength == _size
        && journal.GetDirtyExtents(volumeId, fileId, 0, long.MaxValue).Count == 0;

    /// <summary>The state to resume with; the mtime of a file written after its snapshot is the replay time.</summary>
    public FileSnapshot Current(FsTime now) =>
        Snapshot! with { Size = _size, BaseLength = _baseLength, Mtime = _changedAfterSnapshot ? now : Snapshot!.Mtime };
}
