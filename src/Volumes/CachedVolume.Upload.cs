using GatewayFs.Fs;
using GatewayFs.ObjectStore;
using GatewayFs.Volumes.Cached;
using Microsoft.Extensions.Logging;

namespace GatewayFs.Volumes;

public sealed partial class CachedVolume
{
    /// <summary>Reads of the base object on behalf of an upload may wait longer than a user's read.</summary>
    private static readonly TimeSpan UploadReadTimeout = TimeSpan.FromMinutes(5);

    /// <summary>One upload attempt, run by the queue; failures are recorded and retried with backoff, forever.</summary>
    private async Task RunUploadAsync(FileState f, CancellationToken ct)
    {
        try
        {
            await UploadFileAsync(f, ct).ConfigureAwait(false);
            lock (f)
            {
                f.Attempts = 0;
                f.LastError = null;
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return; // unlink, rename or shutdown: whoever cancelled takes over
        }
        catch (Exception e)
        {
            string msg = e is ObjectStoreException ose ? _gate.Map($"upload of {f.Node.Path}", ose).Message : $"upload of {f.Node.Path}: {e.Message}";
            int attempts;
            lock (f)
            {
                attempts = ++f.Attempts;
                f.LastError = msg;
            }
            if (e is not ObjectStoreException) _counters.Error(msg, unreachable: false);
            var backoff = TimeSpan.FromSeconds(Math.Min(_opt.MaxUploadBackoff.TotalSeconds, Math.Pow(2, Math.Min(attempts - 1, 20))));
            _log.LogWarning("{Message} (attempt {Attempts}; retrying in {Seconds:0.#} s)", msg, attempts, backoff.TotalSeconds);
            Uploads.Schedule(f, Now + (long)backoff.TotalMilliseconds);
            return;
        }
        if (f.Discarded) return;
        if (!f.IsDirty) DropCleanState(f, fromItsUpload: true);
        else if (f.Node.WriteHandles == 0) Uploads.Schedule(f, Now + (long)_opt.WriteBackDelay.TotalMilliseconds);
    }

    /// <summary>
    /// Uploads what the file holds now: a metadata-only server-side copy, a single PUT, or a
    /// multipart upload whose unchanged parts are server-side copies where the store can. Then
    /// the file's base becomes the new object and the journal records it covered are retired.
    /// </summary>
    private async Task UploadFileAsync(FileState f, CancellationToken ct)
    {
        long snapAddress, snapChanges, size, baseLen;
        RemoteObject? baseObj;
        PosixMetadata meta;
        string path;
        await AdoptLandedUploadAsync(f, ct).ConfigureAwait(false);
        await f.Mutate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            lock (f)
            {
                if (!f.IsDirty || f.Discarded || f.UploadHolds > 0) return; // a held upload is rescheduled by the holder
                snapAddress = f.LastAddress;
                snapChanges = f.Changes;
                size = f.Size;
                baseObj = f.Base;
                baseLen = baseObj is null ? 0 : f.BaseLength;
                meta = f.Posix;
                path = f.Node.Path;
                f.TruncatedDuringUpload = long.MaxValue;
                f.MayBeInStore = true;
            }
        }
        finally
        {
            f.Mutate.Release();
        }

        string key = _keys.FileKey(path);
        string token = Guid.NewGuid().ToString("N");
        var objMeta = meta.WriteTo(ObjectMetadata.Empty).With(UploadTokenKey, token);
        await JournalCall(() => Journal.AppendAsync(JournalKinds.Upload, VolumeId, f.FileId, 0, System.Text.Encoding.UTF8.GetBytes(token), ct)).ConfigureAwait(false);
        lock (f) f.UnconfirmedUploads.Add(token);
        // Rename and unlink cancel an upload, but a write to the store, once sent, may land even
        // when cut off; the file would then no longer know what its key holds. So they wait for a
        // started write to end; shutdown too, for a while (see _cutOffWrites). One that landed
        // unanswered all the same is recognised by its token (AdoptLandedUploadAsync).
        var write = _cutOffWrites.Token;
        byte[]? whole = null;
        ObjectInfo info;
        if (baseObj is not null && baseObj.Key == key && size == baseObj.Size && baseLen == size
            && Journal.GetDirtyExtents(VolumeId, f.FileId, 0, size).Count == 0)
        {
            ct.ThrowIfCancellationRequested();
            info = await _gate.Store.CopyAsync(key, key, objMeta, baseObj.ETag, write).ConfigureAwait(false);
        }
        else if (size <= _opt.MultipartThresholdBytes)
        {
            whole = new byte[size];
            await AssembleAsync(f, baseObj, baseLen, 0, whole, ct).ConfigureAwait(false);
            ct.ThrowIfCancellationRequested();
            info = await _gate.Store.PutAsync(key, whole, objMeta, write).ConfigureAwait(false);
            _counters.Uploaded(size);
        }
        else
        {
            info = await UploadMultipartAsync(f, key, objMeta, baseObj, baseLen, size, ct).ConfigureAwait(false);
        }
        _counters.StoreAnswered();

        var newBase = RemoteObject.From(info) with { Key = key, Size = size };
        await f.Mutate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            bool clean;
            lock (f)
            {
                if (f.Discarded) return;
                clean = f.Changes == snapChanges;
                f.Base = newBase;
                f.BaseLength = Math.Min(size, f.TruncatedDuringUpload);
                f.BaseVersion++;
                f.UnconfirmedUploads.Clear();
                if (clean) f.MetaDirty = false;
            }
            long snapshotAt = await AppendSnapshotAsync(f, CancellationToken.None).ConfigureAwait(false);
            Journal.RetireFile(VolumeId, f.FileId, snapAddress);
            if (clean)
            {
                Journal.RetireFile(VolumeId, f.FileId, snapshotAt);
                lock (f) f.LastAddress = 0;
            }
            lock (f) f.UploadedChanges = snapChanges;
        }
        finally
        {
            f.Mutate.Release();
        }
        _meta.Set(newBase.Identity, meta);
        if (whole is not null) CacheUploaded(newBase, whole);
        _log.LogDebug("uploaded {Key} ({Size} bytes)", key, size);
    }

    /// <summary>User metadata key of the token an upload writes with (see <see cref="JournalKinds.Upload"/>).</summary>
    private const string UploadTokenKey = "gatewayfs-upload";

    /// <summary>
    /// An earlier upload of the file whose write landed but was never answered (cut off by a
    /// shutdown or crash, or timed out) leaves the key holding an object that is not the file's
    /// base; reads of the base would fail from then on. If the object carries the token of one of
    /// those uploads it is ours: outside the dirty extents it holds the base's bytes, so it
    /// becomes the base.
    /// </summary>
    private async Task AdoptLandedUploadAsync(FileState f, CancellationToken ct)
    {
        string[] tokens;
        string path;
        lock (f)
        {
            if (f.UnconfirmedUploads.Count == 0 || f.Discarded) return;
            tokens = f.UnconfirmedUploads.ToArray();
            path = f.Node.Path;
        }
        string key = _keys.FileKey(path);
        var head = await _gate.CallAsync($"HEAD {key}", _opt.StoreOpTimeout, (s, c) => s.HeadAsync(key, c), ct).ConfigureAwait(false);
        if (head is null || !head.Metadata.User.TryGetValue(UploadTokenKey, out var found) || !tokens.Contains(found)) return;
        var landed = RemoteObject.From(head) with { Key = key };
        await f.Mutate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            lock (f)
            {
                if (f.Discarded || f.Node.Path != path) return;
                f.UnconfirmedUploads.Clear();
                if (f.Base?.Identity == landed.Identity) return;
                f.Base = landed;
                f.BaseLength = Math.Min(f.BaseLength, landed.Size);
                f.BaseVersion++;
            }
            await AppendSnapshotAsync(f, ct).ConfigureAwait(false);
        }
        finally
        {
            f.Mutate.Release();
        }
        _log.LogInformation("{Key}: an earlier upload of this file had landed unanswered; it is the file's base now", key);
    }

    /// <summary>Base bytes, zeros past the base, and the journal's dirty bytes on top, for [offset, offset + dest.Length).</summary>
    private async Task AssembleAsync(FileState f, RemoteObject? baseObj, long baseLen, long offset, Memory<byte> dest, CancellationToken ct)
    {
        long baseEnd = Math.Min(baseLen, offset + dest.Length);
        if (baseObj is not null && offset < baseEnd)
            await Blocks.ReadAsync(baseObj, offset, dest[..(int)(baseEnd - offset)], UploadReadTimeout, ct).ConfigureAwait(false);
        if (baseEnd < offset + dest.Length) dest.Span[(int)Math.Max(0, baseEnd - offset)..].Clear();
        await Journal.ReadDirtyAsync(VolumeId, f.FileId, offset, dest, ct).ConfigureAwait(false);
    }

    private async Task<ObjectInfo> UploadMultipartAsync(FileState f, string key, ObjectMetadata objMeta, RemoteObject? baseObj, long baseLen, long size, CancellationToken ct)
    {
        var caps = _gate.Store.Capabilities;
        long partSize = _opt.PartSizeBytes;
        while ((size + partSize - 1) / partSize > caps.MaxParts) partSize *= 2;
        int parts = (int)((size + partSize - 1) / partSize);
        string uploadId = await _gate.Store.CreateMultipartAsync(key, objMeta, ct).ConfigureAwait(false);
        try
        {
            var done = new UploadedPart[parts];
            await Parallel.ForEachAsync(Enumerable.Range(0, parts), new ParallelOptions { MaxDegreeOfParallelism = _opt.PartConcurrency, CancellationToken = ct },
                async (i, c) =>
                {
                    long start = i * partSize;
                    int len = (int)Math.Min(partSize, size - start);
                    if (baseObj is not null && caps.UploadPartCopy != false && start + len <= baseLen
                        && Journal.GetDirtyExtents(VolumeId, f.FileId, start, len).Count == 0)
                    {
                        try
                        {
                            string copied = await _gate.Store.UploadPartCopyAsync(key, uploadId, i + 1, baseObj.Key, start, len, baseObj.ETag, c).ConfigureAwait(false);
                            done[i] = new UploadedPart(i + 1, copied);
                            return;
                        }
                        catch (ObjectStoreException e) when (e.Error == ObjectStoreError.NotSupported)
                        {
                            caps.UploadPartCopy = false; // fall back to re-reading this and later unchanged parts
                        }
                    }
                    var buf = new byte[len];
                    await AssembleAsync(f, baseObj, baseLen, start, buf, c).ConfigureAwait(false);
                    string etag = await _gate.Store.UploadPartAsync(key, uploadId, i + 1, buf, c).ConfigureAwait(false);
                    _counters.Uploaded(len);
                    done[i] = new UploadedPart(i + 1, etag);
                }).ConfigureAwait(false);
            ct.ThrowIfCancellationRequested();
            return await _gate.Store.CompleteMultipartAsync(key, uploadId, done, _cutOffWrites.Token).ConfigureAwait(false);
        }
        catch
        {
            try
            {
                await _gate.Store.AbortMultipartAsync(key, uploadId, CancellationToken.None).ConfigureAwait(false);
            }
            catch (ObjectStoreException e)
            {
                _log.LogInformation("abort of multipart upload {UploadId} of {Key} failed: {Message}", uploadId, key, e.Message);
            }
            throw;
        }
    }

    /// <summary>What we just uploaded is what a reader will ask for next: cache it under the new identity, in the background.</summary>
    private void CacheUploaded(RemoteObject obj, byte[] content)
    {
        var cache = _cacheOrNull;
        if (cache is null || content.Length == 0) return;
        _background.Track(Task.Run(async () =>
        {
            try
            {
                var id = obj.BlockId();
                int bs = _opt.BlockSize;
                for (long b = 0; b * bs < content.Length; b++)
                {
                    await cache.WriteAsync(id, b, content.AsMemory((int)(b * bs), (int)Math.Min(bs, content.Length - b * bs)), CancellationToken.None).ConfigureAwait(false);
                }
            }
            catch (Exception e)
            {
                _log.LogWarning(e, "caching uploaded {Key} failed", obj.Key);
            }
        }));
    }
}
