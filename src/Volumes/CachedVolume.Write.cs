using GatewayFs.CacheEngine;
using GatewayFs.Fs;
using GatewayFs.Volumes.Cached;
using Microsoft.Extensions.Logging;

namespace GatewayFs.Volumes;

public sealed partial class CachedVolume
{
    private long _lastPressureCheck;

    /// <inheritdoc />
    public async ValueTask<int> WriteAsync(ulong node, ulong handle, long offset, ReadOnlyMemory<byte> data, CancellationToken ct)
    {
        EnsureWritable();
        var h = _files.Get(handle);
        if (!h.Flags.CanWrite()) throw new FsException(FsError.BadHandle, "handle is not open for writing");
        if (offset < 0) throw new FsException(FsError.InvalidArgument, "negative write offset");
        var f = await LockFileStateAsync(h.Node, ct).ConfigureAwait(false);
        try
        {
            if ((h.Flags & OpenFlags.Append) != 0)
                lock (f) offset = f.Size;
            await EnsureJournaledAsync(f, ct).ConfigureAwait(false);
            int max = Journal.MaxPayloadBytes;
            for (int done = 0; done < data.Length; done += max)
            {
                var chunk = data.Slice(done, Math.Min(max, data.Length - done));
                var rec = await JournalCall(() => Journal.AppendWriteAsync(VolumeId, f.FileId, offset + done, chunk, ct)).ConfigureAwait(false);
                Changed(f, rec.Address);
            }
            var now = FsTime.Now;
            lock (f)
            {
                f.Size = Math.Max(f.Size, offset + data.Length);
                f.Mtime = f.Ctime = now;
            }
        }
        finally
        {
            f.Mutate.Release();
        }
        if ((h.Flags & OpenFlags.Sync) != 0) await Journal.CommitAsync(ct).ConfigureAwait(false);
        RelieveJournalPressure();
        return data.Length;
    }

    /// <inheritdoc />
    public async ValueTask<CreateReply> CreateAsync(ulong parent, string name, uint mode, OpenFlags flags, FsCaller caller, CancellationToken ct)
    {
        EnsureWritable();
        var dir = Dir(parent);
        _keys.ValidateNew(dir.Path, name);
        string path = ObjectKeys.Join(dir.Path, name);
        var existing = await ResolveAsync(path, ct).ConfigureAwait(false);
        if (existing is not null)
        {
            if ((flags & OpenFlags.Exclusive) != 0) throw new FsException(FsError.Exists, $"'{path}' exists");
            var reply = await OpenAsync(existing.Ino, flags, caller, ct).ConfigureAwait(false);
            _nodes.AddLookup(existing);
            return new CreateReply { Entry = MakeEntry(existing), Open = reply };
        }
        var n = _nodes.GetOrAdd(path, NodeKind.File);
        var now = FsTime.Now;
        var snapshot = new FileSnapshot(path, null, 0, 0, FileModes.Regular | (mode & ~caller.Umask & FileModes.PermissionMask),
            caller.Uid, GroupFor(dir, caller).Gid, now, now, MetaDirty: true);
        await StartFileStateAsync(n, snapshot, replaceExisting: true, ct).ConfigureAwait(false);
        _dirs.Upsert(dir.Path, name, new ListedEntry(false, null));
        NamespaceChanged(dir);
        _nodes.AddLookup(n);
        return new CreateReply { Entry = MakeEntry(n), Open = Open(n, flags) };
    }

    /// <inheritdoc />
    public async ValueTask<AttrReply> SetAttrAsync(ulong node, SetAttrRequest req, ulong? handle, FsCaller caller, CancellationToken ct)
    {
        EnsureWritable();
        var n = _nodes.Get(node);
        if (req.Has(SetAttrFields.Size))
        {
            if (n.Kind != NodeKind.File) throw new FsException(n.Kind == NodeKind.Directory ? FsError.IsDirectory : FsError.InvalidArgument, $"cannot truncate '{n.Path}'");
            if (req.Size < 0) throw new FsException(FsError.InvalidArgument, "negative size");
            await TruncateAsync(n, req.Size, ct).ConfigureAwait(false);
        }
        const SetAttrFields metaFields = SetAttrFields.Mode | SetAttrFields.Uid | SetAttrFields.Gid | SetAttrFields.Mtime | SetAttrFields.MtimeNow
            | SetAttrFields.Atime | SetAttrFields.AtimeNow | SetAttrFields.Ctime;
        if ((req.Fields & metaFields) != 0)
        {
            if (n.Kind == NodeKind.File) await SetFileMetaAsync(n, req, ct).ConfigureAwait(false);
            else await SetObjectMetaAsync(n, req, ct).ConfigureAwait(false);
        }
        return new AttrReply(BuildAttr(n), AttrTimeout(n));
    }

    /// <summary>Applies chmod/chown/utimes fields to a POSIX metadata record.</summary>
    private static PosixMetadata Apply(PosixMetadata m, in SetAttrRequest req, uint typeBits)
    {
        if (req.Has(SetAttrFields.Mode)) m = m with { Mode = typeBits | (req.Mode & FileModes.PermissionMask) };
        if (req.Has(SetAttrFields.Uid)) m = m with { Uid = req.Uid };
        if (req.Has(SetAttrFields.Gid)) m = m with { Gid = req.Gid };
        if (req.Has(SetAttrFields.Mtime)) m = m with { Mtime = req.Mtime };
        else if (req.Has(SetAttrFields.MtimeNow)) m = m with { Mtime = FsTime.Now };
        if (req.Has(SetAttrFields.Atime)) m = m with { Atime = req.Atime };
        else if (req.Has(SetAttrFields.AtimeNow)) m = m with { Atime = FsTime.Now };
        return m;
    }

    private async Task SetFileMetaAsync(Node n, SetAttrRequest req, CancellationToken ct)
    {
        var f = await LockFileStateAsync(n, ct).ConfigureAwait(false);
        try
        {
            lock (f)
            {
                var m = Apply(f.Posix, req, FileModes.Regular);
                (f.Mode, f.Uid, f.Gid, f.Mtime, f.Atime) = (m.Mode!.Value, m.Uid!.Value, m.Gid!.Value, m.Mtime!.Value, m.Atime ?? m.Mtime!.Value);
                f.Ctime = FsTime.Now;
                f.MetaDirty = true;
            }
            await AppendSnapshotAsync(f, ct).ConfigureAwait(false);
        }
        finally
        {
            f.Mutate.Release();
        }
        ScheduleIfClosed(f);
    }

    /// <summary>Truncates (or extends with zeros) through the journal.</summary>
    private async Task TruncateAsync(Node n, long size, CancellationToken ct)
    {
        var f = await LockFileStateAsync(n, ct).ConfigureAwait(false);
        try
        {
            await EnsureJournaledAsync(f, ct).ConfigureAwait(false);
            var rec = await JournalCall(() => Journal.AppendAsync(JournalRecordKind.Truncate, VolumeId, f.FileId, size, ReadOnlyMemory<byte>.Empty, ct)).ConfigureAwait(false);
            Changed(f, rec.Address);
            var now = FsTime.Now;
            lock (f)
            {
                f.Size = size;
                f.BaseLength = Math.Min(f.BaseLength, size);
                if (f.Upload is not null) f.TruncatedDuringUpload = Math.Min(f.TruncatedDuringUpload, size);
                f.Mtime = f.Ctime = now;
            }
        }
        finally
        {
            f.Mutate.Release();
        }
        ScheduleIfClosed(f);
    }

    /// <summary>
    /// The node's file state with its Mutate lock held, for a change. A state that its finished
    /// upload dropped as clean while we waited for the lock is no longer the node's: a change
    /// journaled there would be lost to the node (and its upload would write to whatever key the
    /// node has by then), so the change goes to a fresh state instead.
    /// </summary>
    private async Task<FileState> LockFileStateAsync(Node n, CancellationToken ct)
    {
        while (true)
        {
            var f = await EnsureFileStateAsync(n, ct).ConfigureAwait(false);
            await f.Mutate.WaitAsync(ct).ConfigureAwait(false);
            if (ReferenceEquals(n.File, f)) return f;
            f.Mutate.Release();
        }
    }

    /// <summary>The file's local state, created from the clean object on the first change.</summary>
    private async Task<FileState> EnsureFileStateAsync(Node n, CancellationToken ct)
    {
        if (n.File is { } existing) return existing;
        if (n.Kind != NodeKind.File) throw new FsException(FsError.InvalidArgument, $"'{n.Path}' is not a regular file");
        if (n.Meta is null && n.Remote is not null) await RefreshObjectAsync(n, ct).ConfigureAwait(false); // never overwrite metadata we have not read
        RemoteObject? r;
        PosixMetadata m;
        lock (_nodes.Sync)
        {
            r = n.Remote;
            m = n.Meta ?? PosixMetadata.None;
        }
        var snapshot = new FileSnapshot(n.Path, r, r?.Size ?? 0, r?.Size ?? 0,
            FileModes.Regular | (m.Mode is { } mode ? mode & FileModes.PermissionMask : _opt.FileMode),
            m.Uid ?? _opt.Uid, m.Gid ?? _opt.Gid,
            m.Mtime ?? (r is null ? FsTime.Now : FsTime.FromDateTimeOffset(r.LastModified)),
            m.Atime ?? m.Mtime ?? (r is null ? FsTime.Now : FsTime.FromDateTimeOffset(r.LastModified)),
            MetaDirty: !m.Any);
        return await StartFileStateAsync(n, snapshot, replaceExisting: false, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Publishes a new file state and journals its first snapshot. Its Mutate lock is taken before
    /// it becomes visible, so no other change can reach the journal ahead of the snapshot.
    /// </summary>
    private async Task<FileState> StartFileStateAsync(Node n, FileSnapshot snapshot, bool replaceExisting, CancellationToken ct)
    {
        var f = new FileState(n, NewFileId(), snapshot);
        f.Mutate.Wait(0);
        lock (_nodes.Sync)
        {
            if (n.File is { } other && !replaceExisting)
            {
                f.Mutate.Release();
                return other;
            }
            n.File = f;
            n.Remote = null;
            n.Meta = null;
        }
        try
        {
            await AppendSnapshotAsync(f, ct).ConfigureAwait(false);
        }
        catch
        {
            lock (_nodes.Sync) if (ReferenceEquals(n.File, f)) n.File = null;
            throw;
        }
        finally
        {
            f.Mutate.Release();
        }
        return f;
    }

    /// <summary>
    /// A clean file state (its upload finished, its records retired) that changes again starts
    /// with a snapshot, so that replay knows what the following Write/Truncate records apply to.
    /// Caller holds Mutate.
    /// </summary>
    private async Task EnsureJournaledAsync(FileState f, CancellationToken ct)
    {
        // An unlinked file gets none: its records after the Discard must stay ignored by replay.
        if (!f.IsDirty && !f.Discarded) await AppendSnapshotAsync(f, ct).ConfigureAwait(false);
    }

    /// <summary>Journals the file's whole state (caller holds Mutate).</summary>
    private async Task<long> AppendSnapshotAsync(FileState f, CancellationToken ct, string? path = null)
    {
        byte[] payload;
        lock (f) payload = (path is null ? f.Snapshot() : f.Snapshot() with { Path = path }).Encode();
        var rec = await JournalCall(() => Journal.AppendAsync(JournalKinds.Snapshot, VolumeId, f.FileId, 0, payload, ct)).ConfigureAwait(false);
        Changed(f, rec.Address);
        return rec.Address;
    }

    private static void Changed(FileState f, long address)
    {
        lock (f)
        {
            f.LastAddress = address;
            f.Changes++;
        }
    }

    private async ValueTask<JournalRecord> JournalCall(Func<ValueTask<JournalRecord>> append)
    {
        try
        {
            return await append().ConfigureAwait(false);
        }
        catch (JournalFullException e)
        {
            string msg = $"write-back journal full ({e.Message}): writes fail with ENOSPC until uploads free space; check `gatewayfs status` for why uploads are not progressing";
            _log.LogError("{Message}", msg);
            _counters.Error(msg, unreachable: false);
            throw new FsException(FsError.NoSpace, msg, e);
        }
    }

    private void ScheduleIfClosed(FileState f)
    {
        if (f.Node.WriteHandles == 0 && f.IsDirty)
            Uploads.Schedule(f, Now + (long)_opt.WriteBackDelay.TotalMilliseconds);
    }

    /// <summary>When the journal is half full, files still open for writing are uploaded too, so space comes back.</summary>
    private void RelieveJournalPressure()
    {
        long now = Now;
        if (now - Interlocked.Read(ref _lastPressureCheck) < 1000) return;
        Interlocked.Exchange(ref _lastPressureCheck, now);
        var js = Journal.Stats;
        if (js.DirtyBytes * 2 < _opt.JournalSizeBytes && js.UsedBytes * 2 < js.LimitBytes) return;
        foreach (var n in _nodes.WithFileState())
            if (n.File is { IsDirty: true } f) Uploads.Schedule(f, now);
    }
}
