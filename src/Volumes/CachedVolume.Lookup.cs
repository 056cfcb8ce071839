using GatewayFs.Fs;
using GatewayFs.ObjectStore;
using GatewayFs.Volumes.Cached;

namespace GatewayFs.Volumes;

public sealed partial class CachedVolume
{
    private const int ListPageSize = 1000;

    // Bumped by every local namespace change, so a listing that raced with one is not cached.
    private long _namespaceVersion;

    // Directories whose first listing page was not the whole listing, until when (TickCount64):
    // lookups there probe the name, and getattr reports a link count of 2, instead of fetching
    // a page that would not settle it (on some servers a LIST costs time in the directory's size).
    private const long BigDirMemoryMs = 10 * 60 * 1000;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> _bigDirs = new(StringComparer.Ordinal);

    // The last first page of a big directory's listing (entries as listed, before local files
    // were merged in), for a full listing that follows soon to continue from.
    private sealed record FirstPage(Dictionary<string, ListedEntry> Entries, string Token, long Started, long Version);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, FirstPage> _firstPages = new(StringComparer.Ordinal);
    private const int MaxFirstPages = 16;

    /// <inheritdoc />
    public async ValueTask<FsEntry?> LookupAsync(ulong parent, string name, CancellationToken ct)
    {
        var dir = Dir(parent);
        FsNames.Validate(name, ObjectKeys.NameMax);
        var n = await ResolveAsync(ObjectKeys.Join(dir.Path, name), ct).ConfigureAwait(false);
        if (n is null) return null;
        _nodes.AddLookup(n);
        return MakeEntry(n);
    }

    /// <inheritdoc />
    public void Forget(ulong node, ulong count) => _nodes.Forget(node, count);

    /// <summary>Entries of <paramref name="dirs"/> changed: cached listings that raced are not kept, and the directories' times move.</summary>
    private void NamespaceChanged(params Node[] dirs)
    {
        Interlocked.Increment(ref _namespaceVersion);
        foreach (var d in dirs) Touch(d);
    }

    /// <summary>
    /// The node at <paramref name="path"/>, or null. Local state wins; then a fresh listing of the
    /// parent (loading one page of it when none is cached); then HEAD/LIST probes of the name.
    /// While the store does not answer, a node already known is kept as it is.
    /// </summary>
    private async Task<Node?> ResolveAsync(string path, CancellationToken ct)
    {
        if (path.Length == 0) return _nodes.Root;
        var known = _nodes.Find(path);
        if (known is not null && (known.File is not null || (known.ValidUntil > Now && (known.Meta is not null || known.Kind == NodeKind.Directory))))
            return known;
        if (known is not null && !MayRevalidate()) return ServeKnown(known);
        try
        {
            return await ResolveInStoreAsync(path, known, ct).ConfigureAwait(false);
        }
        catch (FsException e) when (e.Error == FsError.Io && known is not null)
        {
            return ServeKnown(known); // the error is in status
        }
    }

    private async Task<Node?> ResolveInStoreAsync(string path, Node? known, CancellationToken ct)
    {
        string dir = ObjectKeys.Parent(path), name = ObjectKeys.Name(path);
        if (known is not null && !_dirs.TryGet(dir, name, out _) && await RevalidateAsync(known, ct).ConfigureAwait(false) is { } still)
            return still;
        if (!_dirs.TryGet(dir, name, out var listed))
        {
            if (!MayRevalidate() && _dirs.TryGet(dir, name, out listed, allowStale: true))
            {
                // The store is down: the last listing (with our own changes) answers, and lets creates go on into the journal.
            }
            else if (IsBigDir(dir)) return await ProbeAsync(path, ct).ConfigureAwait(false);
            else
            {
                try
                {
                    await LoadListingAsync(dir, maxPages: 1, ct).ConfigureAwait(false);
                    if (!_dirs.TryGet(dir, name, out listed)) return await ProbeAsync(path, ct).ConfigureAwait(false);
                }
                catch (FsException e) when (e.Error == FsError.Io && _dirs.TryGet(dir, name, out listed, allowStale: true))
                {
                    // The store does not answer: the last listing (with our own changes) is the best
                    // answer there is, and it lets creates go on into the journal.
                }
            }
        }
        if (listed is not { } entry) return null;
        if (entry.IsDirectory)
        {
            var d = _nodes.GetOrAdd(path, NodeKind.Directory);
            if (d.Meta is null || d.ValidUntil <= Now) await LoadDirMetaAsync(d, ct).ConfigureAwait(false);
            return d;
        }
        if (entry.Object is not { } obj) return _nodes.Find(path) ?? await ProbeAsync(path, ct).ConfigureAwait(false); // a file with local state
        var meta = _meta.Get(obj.Identity);
        if (meta is null)
        {
            // Without the store, a listed object shows the listing's size and time with default mode and owner, as in readdir.
            if (!MayRevalidate()) return NodeFor(path, obj, null);
            ObjectInfo? info;
            try
            {
                info = await _gate.CallAsync($"HEAD {obj.Key}", _opt.ReadTimeout, (s, c) => s.HeadAsync(obj.Key, c), ct).ConfigureAwait(false);
            }
            catch (FsException e) when (e.Error == FsError.Io)
            {
                return NodeFor(path, obj, null); // the error is in status
            }
            if (info is null)
            {
                _dirs.Remove(dir, name);
                return null;
            }
            return NodeFor(path, info);
        }
        return NodeFor(path, obj, meta);
    }

    /// <summary>The first page of an incomplete listing, while it is fresh and no local namespace change came after it.</summary>
    private FirstPage? TakeFirstPage(string dir, long version) =>
        _firstPages.TryRemove(dir, out var p) && p.Version == version && Now - p.Started < (long)_opt.MetadataTtl.TotalMilliseconds ? p : null;

    private bool IsBigDir(string dir) => _bigDirs.TryGetValue(dir, out long until) && until > Now;

    /// <summary>
    /// The node a namespace change (unlink, rmdir, rename) acts on: one the kernel already knows
    /// is taken as it is, however old (deleting an object that is already gone is harmless);
    /// only an unknown name is resolved.
    /// </summary>
    private async Task<Node?> ResolveForChangeAsync(string path, CancellationToken ct) =>
        _nodes.Find(path) ?? await ResolveAsync(path, ct).ConfigureAwait(false);

    /// <summary>
    /// A node the kernel knows, past its TTL, checked with one HEAD of its own object (marker for
    /// a directory): the node as it is now, or null when that object is gone (then the name is
    /// looked up afresh: it may have become an implied directory or vanished).
    /// </summary>
    private async Task<Node?> RevalidateAsync(Node known, CancellationToken ct)
    {
        if (known.Kind == NodeKind.Directory && known.Remote is null) return null; // implied: only a listing tells
        string key = known.Kind == NodeKind.Directory ? _keys.DirMarkerKey(known.Path) : _keys.FileKey(known.Path);
        var info = await _gate.CallAsync($"HEAD {key}", _opt.ReadTimeout, (s, c) => s.HeadAsync(key, c), ct).ConfigureAwait(false);
        if (info is null) return null;
        if (known.Kind != NodeKind.Directory) return NodeFor(known.Path, info);
        LearnDir(known, info);
        return known;
    }

    /// <summary>
    /// Asks the store about one name with no listing to go by: HEADs of the object and of the
    /// directory marker, and only when neither exists a LIST for an implied directory. (When an
    /// object and objects below the same name both exist without a marker, a lookup by name finds
    /// the file while a listing shows the directory; see docs/SEMANTICS.md.)
    /// </summary>
    private async Task<Node?> ProbeAsync(string path, CancellationToken ct)
    {
        string fileKey = _keys.FileKey(path), markerKey = _keys.DirMarkerKey(path);
        var fileHead = _gate.CallAsync($"HEAD {fileKey}", _opt.ReadTimeout, (s, c) => s.HeadAsync(fileKey, c), ct);
        var markerHead = _gate.CallAsync($"HEAD {markerKey}", _opt.ReadTimeout, (s, c) => s.HeadAsync(markerKey, c), ct);
        await Task.WhenAll(fileHead, markerHead).ConfigureAwait(false);
        if (markerHead.Result is { } marker)
        {
            var d = _nodes.GetOrAdd(path, NodeKind.Directory);
            LearnDir(d, marker);
            return d;
        }
        if (fileHead.Result is { } info) return NodeFor(path, info);
        var page = await _gate.CallAsync($"LIST {markerKey}", _opt.ReadTimeout, (s, c) => s.ListAsync(markerKey, "/", null, 1, c), ct).ConfigureAwait(false);
        if (page.CommonPrefixes.Count == 0 && page.Objects.Count == 0) return null;
        var implied = _nodes.GetOrAdd(path, NodeKind.Directory);
        LearnDir(implied, null);
        return implied;
    }

    private async Task LoadDirMetaAsync(Node d, CancellationToken ct)
    {
        if (!MayRevalidate()) return; // defaults (or what was known) until the store answers
        string markerKey = _keys.DirMarkerKey(d.Path);
        ObjectInfo? marker;
        try
        {
            marker = await _gate.CallAsync($"HEAD {markerKey}", _opt.ReadTimeout, (s, c) => s.HeadAsync(markerKey, c), ct).ConfigureAwait(false);
        }
        catch (FsException e) when (e.Error == FsError.Io)
        {
            return; // defaults until the store answers; the error is in status
        }
        LearnDir(d, marker);
    }

    private void LearnDir(Node d, ObjectInfo? marker)
    {
        SetKnown(d, marker is null ? null : RemoteObject.From(marker), marker is null ? PosixMetadata.None : PosixMetadata.Parse(marker.Metadata));
    }

    private Node NodeFor(string path, ObjectInfo info)
    {
        var meta = PosixMetadata.Parse(info.Metadata);
        var remote = RemoteObject.From(info);
        _meta.Set(remote.Identity, meta);
        return NodeFor(path, remote, meta);
    }

    /// <summary>The node for a clean object with known metadata (its kind comes from the mode).</summary>
    private Node NodeFor(string path, RemoteObject obj, PosixMetadata? meta)
    {
        var existing = _nodes.Find(path);
        if (existing?.File is not null) return existing;
        bool sameObject = existing?.Remote is { } r && r.ETag == obj.ETag && existing.Kind != NodeKind.Directory;
        if (meta is null && sameObject) return existing!; // listed again, nothing new
        var kind = meta?.Mode is { } m && FileModes.IsSymlink(m) ? NodeKind.Symlink : NodeKind.File;
        var n = _nodes.GetOrAdd(path, kind);
        lock (_nodes.Sync)
        {
            if (!sameObject) n.LinkTarget = null;
            n.Remote = obj;
            n.Meta = meta;
            n.ValidUntil = Now + (long)_opt.MetadataTtl.TotalMilliseconds;
        }
        return n;
    }

    /// <summary>
    /// Lists a directory (delimiter '/'), up to <paramref name="maxPages"/> pages. Returns the
    /// entries and whether the listing is complete; a complete listing that did not race with a
    /// local change is cached. Local files not yet uploaded are merged in.
    /// </summary>
    private async Task<(Dictionary<string, ListedEntry> Entries, bool Complete)> LoadListingAsync(string dir, int maxPages, CancellationToken ct)
    {
        long version = Interlocked.Read(ref _namespaceVersion), started = Now;
        string prefix = _keys.ChildPrefix(dir);
        var entries = new Dictionary<string, ListedEntry>(StringComparer.Ordinal);
        string? token = null;
        int pages = 0;
        if (maxPages > 1 && TakeFirstPage(dir, version) is { } first)
        {
            // A getattr or lookup just fetched page one (`ls -l DIR` does both, then reads it):
            // go on from there instead of listing it again.
            (entries, token, started) = (first.Entries, first.Token, first.Started);
            pages = 1;
        }
        while (pages == 0 || (token is not null && pages < maxPages))
        {
            var page = await _gate.CallAsync($"LIST {prefix}", _opt.ReadTimeout, (s, c) => s.ListAsync(prefix, "/", token, ListPageSize, c), ct).ConfigureAwait(false);
            foreach (var o in page.Objects)
            {
                if (o.Key.Length == prefix.Length) continue; // the directory's own marker
                string name = o.Key[prefix.Length..];
                if (!ObjectKeys.IsShowable(name) || entries.ContainsKey(name)) continue;
                entries[name] = new ListedEntry(false, RemoteObject.From(o));
            }
            foreach (var p in page.CommonPrefixes)
            {
                string name = p[prefix.Length..].TrimEnd('/');
                if (ObjectKeys.IsShowable(name)) entries[name] = new ListedEntry(true, null); // a directory hides a file of the same name
            }
            token = page.ContinuationToken;
            pages++;
        }
        if (token is not null && maxPages == 1)
        {
            if (_firstPages.Count >= MaxFirstPages) _firstPages.Clear(); // a page each is kept for a few directories only
            _firstPages[dir] = new FirstPage(new Dictionary<string, ListedEntry>(entries, StringComparer.Ordinal), token, started, version);
        }

        // Every file with local state, uploaded or not: an upload that finished between the LIST
        // and here would otherwise be in neither.
        foreach (var n in _nodes.Below(dir))
            if (n.File is { Discarded: false } && ObjectKeys.Parent(n.Path) == dir)
                entries[ObjectKeys.Name(n.Path)] = new ListedEntry(false, null);

        bool complete = token is null;
        if (complete && Interlocked.Read(ref _namespaceVersion) == version) _dirs.Put(dir, entries, started);
        if (!complete && maxPages == 1) _bigDirs[dir] = started + BigDirMemoryMs;
        return (entries, complete);
    }
}
