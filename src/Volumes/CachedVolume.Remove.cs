using GatewayFs.Fs;
using GatewayFs.Volumes.Cached;

namespace GatewayFs.Volumes;

public sealed partial class CachedVolume
{
    /// <inheritdoc />
    public async ValueTask UnlinkAsync(ulong parent, string name, CancellationToken ct)
    {
        EnsureWritable();
        var dir = Dir(parent);
        string path = ObjectKeys.Join(dir.Path, name);
        var n = await ResolveForChangeAsync(path, ct).ConfigureAwait(false) ?? throw new FsException(FsError.NotFound, $"'{path}' does not exist");
        if (n.Kind == NodeKind.Directory) throw new FsException(FsError.IsDirectory, $"'{path}' is a directory");
        await RemoveObjectAsync(n, deleteInStore: true, ct).ConfigureAwait(false);
        _dirs.Remove(dir.Path, name);
        NamespaceChanged(dir);
        _nodes.Detach(n);
    }

    /// <inheritdoc />
    public async ValueTask RmdirAsync(ulong parent, string name, CancellationToken ct)
    {
        EnsureWritable();
        var dir = Dir(parent);
        string path = ObjectKeys.Join(dir.Path, name);
        var n = await ResolveForChangeAsync(path, ct).ConfigureAwait(false) ?? throw new FsException(FsError.NotFound, $"'{path}' does not exist");
        if (n.Kind != NodeKind.Directory) throw NotDirectory(n);
        await EnsureEmptyAsync(n, ct).ConfigureAwait(false);
        string marker = _keys.DirMarkerKey(path);
        await _gate.CallAsync($"DELETE {marker}", _opt.StoreOpTimeout, (s, c) => s.DeleteAsync(marker, c), ct).ConfigureAwait(false);
        _dirs.Remove(dir.Path, name);
        _dirs.InvalidateTree(path);
        NamespaceChanged(dir);
        _nodes.Detach(n);
    }

    /// <summary>ENOTEMPTY when the directory has a local file not yet uploaded or any object below it.</summary>
    private async Task EnsureEmptyAsync(Node dir, CancellationToken ct)
    {
        if (_nodes.Below(dir.Path).Any(c => c.File is { Discarded: false }))
            throw new FsException(FsError.NotEmpty, $"'{dir.Path}' is not empty");
        if (_dirs.IsEmpty(dir.Path) == true) return;
        string prefix = _keys.DirMarkerKey(dir.Path);
        var page = await _gate.CallAsync($"LIST {prefix}", _opt.StoreOpTimeout, (s, c) => s.ListAsync(prefix, "/", null, 2, c), ct).ConfigureAwait(false);
        if (page.CommonPrefixes.Count > 0 || page.Objects.Any(o => o.Key != prefix))
            throw new FsException(FsError.NotEmpty, $"'{dir.Path}' is not empty");
    }

    /// <summary>
    /// Removes a file or symlink: a pending upload is cancelled and its journal records
    /// discarded; the object is deleted from the store when it may exist there.
    /// </summary>
    private async Task RemoveObjectAsync(Node n, bool deleteInStore, CancellationToken ct)
    {
        bool mayExist = n.Remote is not null;
        if (n.File is { } f)
        {
            await StopUploadAsync(f, discard: true).ConfigureAwait(false);
            await f.Mutate.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                lock (f) mayExist = f.Base is not null || f.MayBeInStore;
                if (f.IsDirty)
                {
                    // Replay drops the file; its data stays readable through handles still open
                    // and is retired when the last one closes.
                    await JournalCall(() => Journal.AppendAsync(JournalKinds.Discard, VolumeId, f.FileId, 0, ReadOnlyMemory<byte>.Empty, ct)).ConfigureAwait(false);
                    lock (f) f.LastAddress = 0;
                }
                if (n.OpenHandles == 0) Journal.RetireFile(VolumeId, f.FileId, long.MaxValue);
            }
            finally
            {
                f.Mutate.Release();
            }
            Uploads.Forget(f);
        }
        if (deleteInStore && mayExist && n.OpenHandles > 0 && n.File is null && n.Remote is { } r && r.Size <= KeepOpenUnlinkedMax)
            await CacheWholeAsync(r, ct).ConfigureAwait(false); // open descriptors keep reading it from the cache
        if (deleteInStore && mayExist)
        {
            string key = _keys.FileKey(n.Path);
            await _gate.CallAsync($"DELETE {key}", _opt.StoreOpTimeout, (s, c) => s.DeleteAsync(key, c), ct).ConfigureAwait(false);
        }
    }

    /// <summary>Largest clean file whose blocks are cached before it is deleted while open (larger ones read EIO once evicted).</summary>
    private const long KeepOpenUnlinkedMax = 64L << 20;

    private async Task CacheWholeAsync(RemoteObject r, CancellationToken ct)
    {
        var buf = new byte[Math.Min(r.Size, _opt.BlockSize * 8L)];
        for (long off = 0; off < r.Size; off += buf.Length)
            await Blocks.ReadAsync(r, off, buf.AsMemory(0, (int)Math.Min(buf.Length, r.Size - off)), _opt.ReadTimeout, ct).ConfigureAwait(false);
    }

    /// <summary>Cancels a running upload of the file and waits until it has stopped.</summary>
    private static async Task StopUploadAsync(FileState f, bool discard)
    {
        Task? running;
        lock (f)
        {
            if (discard) f.Discarded = true;
            f.UploadCancel?.Cancel();
            running = f.Upload;
        }
        if (running is null) return;
        try
        {
            await running.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The upload's own outcome is logged by the upload queue; here we only wait for it to end.
        }
    }

    /// <summary>A clean file state with no writers left goes away; the node keeps what the store holds.</summary>
    private void DropCleanState(FileState f, bool fromItsUpload = false)
    {
        var n = f.Node;
        // Whoever holds Mutate is about to change this state (and checked that it is the node's
        // under the lock): it is not dropped under them; their change makes it dirty again.
        if (!f.Mutate.Wait(0)) return;
        try
        {
            if (!Detach(f, n, fromItsUpload)) return;
        }
        finally
        {
            f.Mutate.Release();
        }
        _nodes.Prune(n);
    }

    private bool Detach(FileState f, Node n, bool fromItsUpload)
    {
        lock (f)
        {
            if (f.IsDirty || (f.Upload is not null && !fromItsUpload) || n.WriteHandles > 0) return false;
            lock (_nodes.Sync)
            {
                if (!ReferenceEquals(n.File, f)) return false;
                n.File = null;
                n.Remote = f.Base;
                n.Meta = f.Posix;
                n.ValidUntil = Now + (long)_opt.MetadataTtl.TotalMilliseconds;
            }
        }
        return true;
    }
}
