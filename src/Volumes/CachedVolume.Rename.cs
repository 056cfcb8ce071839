using GatewayFs.Fs;
using GatewayFs.ObjectStore;
using GatewayFs.Volumes.Cached;

namespace GatewayFs.Volumes;

public sealed partial class CachedVolume
{
    private const int RenameParallelism = 8;

    /// <inheritdoc />
    public async ValueTask RenameAsync(ulong parent, string name, ulong newParent, string newName, RenameFlags flags, CancellationToken ct)
    {
        EnsureWritable();
        if ((flags & RenameFlags.Exchange) != 0)
            throw new FsException(FsError.InvalidArgument, "RENAME_EXCHANGE cannot be done on an object store (no atomic swap)");
        var srcDir = Dir(parent);
        var dstDir = Dir(newParent);
        _keys.ValidateNew(dstDir.Path, newName);
        string srcPath = ObjectKeys.Join(srcDir.Path, name), dstPath = ObjectKeys.Join(dstDir.Path, newName);
        var src = await ResolveForChangeAsync(srcPath, ct).ConfigureAwait(false) ?? throw new FsException(FsError.NotFound, $"'{srcPath}' does not exist");
        if (srcPath == dstPath) return;
        var dst = await ResolveAsync(dstPath, ct).ConfigureAwait(false);
        if (dst is not null && (flags & RenameFlags.NoReplace) != 0) throw new FsException(FsError.Exists, $"'{dstPath}' exists");

        if (src.Kind == NodeKind.Directory)
        {
            if (ObjectKeys.IsUnder(dstPath, srcPath)) throw new FsException(FsError.InvalidArgument, $"cannot move '{srcPath}' into itself");
            if (dst is not null)
            {
                if (dst.Kind != NodeKind.Directory) throw NotDirectory(dst);
                await EnsureEmptyAsync(dst, ct).ConfigureAwait(false);
                string marker = _keys.DirMarkerKey(dstPath);
                await _gate.CallAsync($"DELETE {marker}", _opt.StoreOpTimeout, (s, c) => s.DeleteAsync(marker, c), ct).ConfigureAwait(false);
            }
            await RenameDirAsync(srcPath, dstPath, ct).ConfigureAwait(false);
        }
        else
        {
            if (dst is { Kind: NodeKind.Directory }) throw new FsException(FsError.IsDirectory, $"'{dstPath}' is a directory");
            await RenameFileAsync(src, srcPath, dstPath, dst, ct).ConfigureAwait(false);
        }

        _dirs.Remove(srcDir.Path, name);
        _dirs.InvalidateTree(srcPath);
        _dirs.InvalidateTree(dstPath);
        _dirs.Upsert(dstDir.Path, newName, src.Kind == NodeKind.Directory ? new ListedEntry(true, null) : new ListedEntry(false, src.File is null ? src.Remote : null));
        _nodes.Move(srcPath, dstPath);
        NamespaceChanged(srcDir, dstDir);
        var now = FsTime.Now;
        lock (_nodes.Sync) src.LocalCtime = now;
        if (src.File is { } moved) lock (moved) moved.Ctime = now;
    }

    /// <summary>
    /// Moves one file or symlink: the target (if any) is dropped, the object is copied server-side
    /// and the old key deleted; a dirty file's pending upload follows it to the new key.
    /// </summary>
    private async Task RenameFileAsync(Node src, string srcPath, string dstPath, Node? dst, CancellationToken ct)
    {
        string srcKey = _keys.FileKey(srcPath), dstKey = _keys.FileKey(dstPath);
        if (dst is not null)
        {
            // Deleted before the copy, not overwritten by it: some servers (s3rver) keep the old
            // ETag on a copy over an existing key, which would make the new content look cached.
            await RemoveObjectAsync(dst, deleteInStore: true, ct).ConfigureAwait(false);
        }
        while (true)
        {
            if (src.File is not { } f)
            {
                await RenameStoredFileAsync(src, srcKey, srcPath, dstKey, ct).ConfigureAwait(false);
                return;
            }
            bool moved;
            lock (f) f.UploadHolds++; // no new upload between stopping the running one and the move
            try
            {
                await StopUploadAsync(f, discard: false).ConfigureAwait(false);
                moved = await TryMoveFileStateAsync(src, f, srcKey, srcPath, dstKey, dstPath, ct).ConfigureAwait(false);
            }
            finally
            {
                lock (f) f.UploadHolds--;
            }
            if (!moved) continue;
            ScheduleIfClosed(f);
            return;
        }
    }

    /// <summary>
    /// Moves the node's file state if it still is the node's and no upload runs. The upload we
    /// waited for may have left the file clean and dropped its state (the node then knows the
    /// uploaded object), or one held off may still be ending: moving a state that is no longer
    /// the node's, or under a running upload, leaves the node and the store disagreeing.
    /// </summary>
    private async Task<bool> TryMoveFileStateAsync(Node src, FileState f, string srcKey, string srcPath, string dstKey, string dstPath, CancellationToken ct)
    {
        await f.Mutate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            bool ours;
            lock (f) ours = ReferenceEquals(src.File, f) && f.Upload is null;
            if (!ours) return false;
            await MoveFileStateAsync(f, srcKey, srcPath, dstKey, dstPath, ct).ConfigureAwait(false);
            return true;
        }
        finally
        {
            f.Mutate.Release();
        }
    }

    /// <summary>Moves a file with no local state: a server-side copy of what the store holds, then the old key goes.</summary>
    private async Task RenameStoredFileAsync(Node src, string srcKey, string srcPath, string dstKey, CancellationToken ct)
    {
        var head = await _gate.CallAsync($"HEAD {srcKey}", _opt.StoreOpTimeout, (s, c) => s.HeadAsync(srcKey, c), ct).ConfigureAwait(false)
            ?? throw new FsException(FsError.NotFound, $"'{srcPath}' was removed from the store");
        var info = await _gate.CallAsync($"COPY {srcKey} to {dstKey}", _opt.StoreOpTimeout,
            (s, c) => s.CopyAsync(srcKey, dstKey, head.Metadata, head.ETag, c), ct).ConfigureAwait(false);
        await _gate.CallAsync($"DELETE {srcKey}", _opt.StoreOpTimeout, (s, c) => s.DeleteAsync(srcKey, c), ct).ConfigureAwait(false);
        var remote = RemoteObject.From(info) with { Key = dstKey, Size = head.Size };
        var meta = PosixMetadata.Parse(head.Metadata);
        _meta.Set(remote.Identity, meta);
        SetKnown(src, remote, meta);
    }

    /// <summary>Moves a file's local state and its base object to the new key (caller holds Mutate, no upload runs).</summary>
    private async Task MoveFileStateAsync(FileState f, string srcKey, string srcPath, string dstKey, string dstPath, CancellationToken ct)
    {
        RemoteObject? baseObj;
        bool mayBe;
        lock (f)
        {
            baseObj = f.Base;
            mayBe = f.MayBeInStore;
        }
        if (baseObj is not null)
        {
            var posix = f.Posix;
            var info = await _gate.CallAsync($"COPY {srcKey} to {dstKey}", _opt.StoreOpTimeout,
                (s, c) => s.CopyAsync(srcKey, dstKey, posix.WriteTo(ObjectMetadata.Empty), baseObj.ETag, c), ct).ConfigureAwait(false);
            lock (f)
            {
                f.Base = RemoteObject.From(info) with { Key = dstKey, Size = baseObj.Size };
                f.BaseVersion++;
            }
        }
        if (baseObj is not null || mayBe)
            await _gate.CallAsync($"DELETE {srcKey}", _opt.StoreOpTimeout, (s, c) => s.DeleteAsync(srcKey, c), ct).ConfigureAwait(false);
        await AppendSnapshotAsync(f, ct, dstPath).ConfigureAwait(false);
        _nodes.Move(srcPath, dstPath); // before an upload can start: it reads the node's path
    }

    /// <summary>
    /// Moves a directory object by object: local files not yet uploaded move with their journal
    /// state; every object below is copied, and only when all copies exist are the old ones deleted.
    /// Not atomic: a crash or store failure midway leaves both trees partly present (docs/SEMANTICS.md).
    /// </summary>
    private async Task RenameDirAsync(string srcPath, string dstPath, CancellationToken ct)
    {
        var movedKeys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var n in _nodes.Below(srcPath))
        {
            if (n.File is not { Discarded: false }) continue;
            string to = ObjectKeys.Rebase(n.Path, srcPath, dstPath);
            movedKeys.Add(_keys.FileKey(n.Path));
            await RenameFileAsync(n, n.Path, to, null, ct).ConfigureAwait(false);
        }

        string srcPrefix = _keys.DirMarkerKey(srcPath), dstPrefix = _keys.DirMarkerKey(dstPath);
        var keys = new List<string>();
        string? token = null;
        do
        {
            var page = await _gate.CallAsync($"LIST {srcPrefix}", _opt.StoreOpTimeout, (s, c) => s.ListAsync(srcPrefix, null, token, ListPageSize, c), ct).ConfigureAwait(false);
            keys.AddRange(page.Objects.Select(o => o.Key).Where(k => !movedKeys.Contains(k)));
            token = page.ContinuationToken;
        } while (token is not null);

        var options = new ParallelOptions { MaxDegreeOfParallelism = RenameParallelism, CancellationToken = ct };
        await Parallel.ForEachAsync(keys, options, async (key, c) =>
        {
            string to = dstPrefix + key[srcPrefix.Length..];
            var head = await _gate.CallAsync($"HEAD {key}", _opt.StoreOpTimeout, (s, c2) => s.HeadAsync(key, c2), c).ConfigureAwait(false);
            if (head is null) return; // removed meanwhile
            await _gate.CallAsync($"COPY {key} to {to}", _opt.StoreOpTimeout, (s, c2) => s.CopyAsync(key, to, head.Metadata, head.ETag, c2), c).ConfigureAwait(false);
        }).ConfigureAwait(false);
        if (!keys.Contains(srcPrefix))
        {
            var meta = new PosixMetadata(FileModes.Directory | _opt.DirMode, _opt.Uid, _opt.Gid, FsTime.Now);
            await _gate.CallAsync($"PUT {dstPrefix}", _opt.StoreOpTimeout,
                (s, c) => s.PutAsync(dstPrefix, ReadOnlyMemory<byte>.Empty, meta.WriteTo(ObjectMetadata.Empty), c), ct).ConfigureAwait(false);
        }
        await Parallel.ForEachAsync(keys, options, async (key, c) =>
            await _gate.CallAsync($"DELETE {key}", _opt.StoreOpTimeout, (s, c2) => s.DeleteAsync(key, c2), c).ConfigureAwait(false)).ConfigureAwait(false);
    }
}
