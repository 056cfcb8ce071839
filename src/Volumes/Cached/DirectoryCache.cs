namespace GatewayFs.Volumes.Cached;

/// <summary>
/// Complete listings of recently listed directories, so lookups in them need no request and
/// negative lookups (every create) are answered locally. Expires after the metadata TTL;
/// our own creates, removes and renames update it in place.
/// </summary>
internal sealed class DirectoryCache
{
    private readonly Dictionary<string, DirListing> _dirs = new(StringComparer.Ordinal);
    private readonly long _ttlMs;
    private readonly int _capacity;

    public DirectoryCache(TimeSpan ttl, int capacity)
    {
        _ttlMs = (long)ttl.TotalMilliseconds;
        _capacity = capacity;
    }

    /// <summary>
    /// The entry for <paramref name="name"/> when the directory's listing is fresh (or, with
    /// <paramref name="allowStale"/>, known at all): (true, entry or null if absent); (false, _) when unknown.
    /// </summary>
    public bool TryGet(string dir, string name, out ListedEntry? entry, bool allowStale = false)
    {
        lock (_dirs)
        {
            entry = null;
            if (!_dirs.TryGetValue(dir, out var l) || !(allowStale || Fresh(l))) return false;
            if (l.Entries.TryGetValue(name, out var e)) entry = e;
            return true;
        }
    }

    /// <summary>A copy of the fresh (with <paramref name="allowStale"/>, the last) listing of <paramref name="dir"/>, or null.</summary>
    public List<KeyValuePair<string, ListedEntry>>? Snapshot(string dir, bool allowStale = false)
    {
        lock (_dirs)
            return _dirs.TryGetValue(dir, out var l) && (allowStale || Fresh(l)) ? l.Entries.ToList() : null;
    }

    /// <summary>True when the fresh listing of <paramref name="dir"/> has no entries.</summary>
    public bool? IsEmpty(string dir)
    {
        lock (_dirs)
            return _dirs.TryGetValue(dir, out var l) && Fresh(l) ? l.Entries.Count == 0 : null;
    }

    /// <summary>How many subdirectories the fresh (with <paramref name="allowStale"/>, the last) listing of <paramref name="dir"/> has, or null when there is none.</summary>
    public int? CountSubdirectories(string dir, bool allowStale = false)
    {
        lock (_dirs)
            return _dirs.TryGetValue(dir, out var l) && (allowStale || Fresh(l)) ? l.Subdirectories : null;
    }

    public void Put(string dir, Dictionary<string, ListedEntry> entries, long fetchedAt)
    {
        lock (_dirs)
        {
            if (_dirs.Count >= _capacity) EvictOldest();
            _dirs[dir] = new DirListing(entries, fetchedAt);
        }
    }

    /// <summary>Adds or replaces a child in the cached listing, when there is one.</summary>
    public void Upsert(string dir, string name, ListedEntry entry)
    {
        lock (_dirs)
            if (_dirs.TryGetValue(dir, out var l)) l.Set(name, entry);
    }

    public void Remove(string dir, string name)
    {
        lock (_dirs)
            if (_dirs.TryGetValue(dir, out var l)) l.Remove(name);
    }

    /// <summary>Drops the listings of <paramref name="dir"/> and every directory below it.</summary>
    public void InvalidateTree(string dir)
    {
        lock (_dirs)
            foreach (var k in _dirs.Keys.Where(k => ObjectKeys.IsUnder(k, dir)).ToList())
                _dirs.Remove(k);
    }

    public void Invalidate(string dir)
    {
        lock (_dirs) _dirs.Remove(dir);
    }

    private bool Fresh(DirListing l) => Environment.TickCount64 - l.FetchedAt < _ttlMs;

    private void EvictOldest()
    {
        foreach (var k in _dirs.OrderBy(kv => kv.Value.FetchedAt).Take(_dirs.Count / 4 + 1).Select(kv => kv.Key).ToList())
            _dirs.Remove(k);
    }
}
