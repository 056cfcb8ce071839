using GatewayFs.Fs;
using GatewayFs.Volumes.Cached;

namespace GatewayFs.Volumes;

public sealed partial class CachedVolume
{
    /// <inheritdoc />
    public async ValueTask<OpenReply> OpenAsync(ulong node, OpenFlags flags, FsCaller caller, CancellationToken ct)
    {
        var n = _nodes.Get(node);
        if (n.Kind == NodeKind.Directory) throw new FsException(FsError.IsDirectory, $"'{n.Path}' is a directory");
        bool write = flags.CanWrite() || (flags & OpenFlags.Truncate) != 0;
        if (write) EnsureWritable();
        if (n.File is null && !n.Detached && n.ValidUntil <= Now)
            await RefreshObjectAsync(n, ct).ConfigureAwait(false); // close-to-open: see other clients' changes
        if ((flags & OpenFlags.Truncate) != 0 && flags.CanWrite())
            await TruncateAsync(n, 0, ct).ConfigureAwait(false);
        return Open(n, flags);
    }

    private OpenReply Open(Node n, OpenFlags flags)
    {
        bool keep;
        lock (_nodes.Sync)
        {
            // The kernel may keep its cached pages only when nobody else changed the file since the last open.
            string? tag = n.File is not null ? "local" : n.Remote?.ETag;
            keep = tag is not null && tag == n.OpenedETag;
            n.OpenedETag = tag;
            n.OpenHandles++;
            if (flags.CanWrite()) n.WriteHandles++;
        }
        return new OpenReply { Handle = _files.Add(new FileHandle(n, flags)), KeepCache = keep };
    }

    /// <inheritdoc />
    public async ValueTask<int> ReadAsync(ulong node, ulong handle, long offset, Memory<byte> buffer, CancellationToken ct)
    {
        var h = _files.Get(handle);
        if (!h.Flags.CanRead()) throw new FsException(FsError.BadHandle, "handle is not open for reading");
        return await ReadCoreAsync(h.Node, offset, buffer, h.ReadAhead, _opt.ReadTimeout, ct).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask FlushAsync(ulong node, ulong handle, CancellationToken ct)
    {
        _files.Get(handle);
        return ValueTask.CompletedTask; // data is in the journal already; the upload starts after release
    }

    /// <inheritdoc />
    public async ValueTask FsyncAsync(ulong node, ulong handle, bool dataOnly, CancellationToken ct)
    {
        var h = _files.Get(handle);
        if (h.Node.File is not null) await Journal.CommitAsync(ct).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask ReleaseAsync(ulong node, ulong handle, CancellationToken ct)
    {
        var h = _files.Remove(handle) ?? throw new FsException(FsError.BadHandle, $"handle {handle} is not open");
        h.ReadAhead.Close();
        var n = h.Node;
        bool lastWriter, lastHandle;
        lock (_nodes.Sync)
        {
            n.OpenHandles--;
            if (h.Flags.CanWrite()) n.WriteHandles--;
            lastWriter = n.WriteHandles == 0;
            lastHandle = n.OpenHandles == 0;
        }
        if (n.File is { } f)
        {
            if (f.Discarded)
            {
                if (lastHandle) Journal.RetireFile(VolumeId, f.FileId, long.MaxValue); // the unlinked file's data is no longer reachable
            }
            else if (lastWriter)
            {
                if (f.IsDirty) Uploads.Schedule(f, Now + (long)_opt.WriteBackDelay.TotalMilliseconds);
                else DropCleanState(f);
            }
        }
        _nodes.Prune(n);
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Reads file bytes: the base object through the block cache, zeros past it, and the
    /// journal's newest dirty bytes on top. Retries when an upload switched the base meanwhile.
    /// </summary>
    private async Task<int> ReadCoreAsync(Node n, long offset, Memory<byte> buffer, ReadAhead? ra, TimeSpan timeout, CancellationToken ct)
    {
        if (offset < 0) throw new FsException(FsError.InvalidArgument, "negative read offset");
        for (int attempt = 0; ; attempt++)
        {
            var f = n.File;
            RemoteObject? baseObj;
            long baseLen, size, version = 0;
            if (f is null)
            {
                baseObj = n.Remote;
                size = baseLen = baseObj?.Size ?? 0;
            }
            else
            {
                lock (f)
                {
                    baseObj = f.Base;
                    baseLen = baseObj is null ? 0 : f.BaseLength;
                    size = f.Size;
                    version = f.BaseVersion;
                }
            }
            if (offset >= size) return 0;
            int count = (int)Math.Min(buffer.Length, size - offset);
            var dest = buffer[..count];
            long baseEnd = Math.Min(baseLen, offset + count);
            try
            {
                if (baseObj is not null && offset < baseEnd)
                {
                    await Blocks.ReadAsync(baseObj, offset, dest[..(int)(baseEnd - offset)], timeout, ct, ra, baseLen).ConfigureAwait(false);
                }
            }
            catch (FsException e) when (e.Error == FsError.Stale && f is null && attempt < 2)
            {
                await RefreshObjectAsync(n, ct).ConfigureAwait(false); // changed by another client: read the new object
                continue;
            }
            catch (FsException e) when (e.Error == FsError.Stale && f is not null && attempt < 20)
            {
                // The base is being replaced, most likely by this file's own upload (servers that
                // write in place, like s3rver, show a half-written object meanwhile): once the
                // upload commits, the base switches and the read goes to the new object.
                await Task.Delay(25 * (attempt + 1), ct).ConfigureAwait(false);
                continue;
            }
            if (baseEnd < offset + count) dest.Span[(int)Math.Max(0, baseEnd - offset)..].Clear();
            if (f is null) return count;
            await Journal.ReadDirtyAsync(VolumeId, f.FileId, offset, dest, ct).ConfigureAwait(false);
            lock (f)
                if (f.BaseVersion == version) return count;
        }
    }
}
