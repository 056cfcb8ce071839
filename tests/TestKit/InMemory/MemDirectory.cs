namespace GatewayFs.TestKit.InMemory;

/// <summary>
/// The entries of one directory, each with a readdir cookie that never changes while the
/// entry lives and is never reused, so a listing resumed at any cookie neither skips nor
/// repeats entries that stayed put, however many entries are removed meanwhile.
/// Cookies 1 and 2 are "." and ".."; entries start at 3. Not thread-safe: the filesystem's
/// tree lock guards it.
/// </summary>
internal sealed class MemDirectory
{
    internal const long FirstCookie = 3;

    private readonly Dictionary<string, DirEntry> _byName = new(StringComparer.Ordinal);
    // Ascending cookie order; removed entries stay as tombstones until compaction so removal is O(1).
    private List<DirEntry> _ordered = new();
    private int _tombstones;
    private long _nextCookie = FirstCookie;

    /// <summary>Live entries.</summary>
    public int Count => _byName.Count;

    /// <summary>The entry called <paramref name="name"/>, or null.</summary>
    public DirEntry? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>Adds an entry with the next cookie; the name must be free.</summary>
    public DirEntry Add(string name, MemNode node)
    {
        var entry = new DirEntry(name, node, _nextCookie++);
        _byName.Add(name, entry);
        _ordered.Add(entry);
        return entry;
    }

    /// <summary>Removes the entry called <paramref name="name"/>; returns it.</summary>
    public DirEntry Remove(string name)
    {
        if (!_byName.Remove(name, out var entry))
            throw new InvalidOperationException($"no entry '{name}' to remove");
        entry.Removed = true;
        if (++_tombstones > 64 && _tombstones > _byName.Count)
            Compact();
        return entry;
    }

    /// <summary>Live entries whose cookie is greater than <paramref name="cookie"/>, in cookie order.</summary>
    public IEnumerable<DirEntry> After(long cookie)
    {
        // Index-based so the caller may not mutate while iterating (it holds the tree lock anyway).
        for (int i = FirstIndexAfter(cookie); i < _ordered.Count; i++)
        {
            var e = _ordered[i];
            if (!e.Removed) yield return e;
        }
    }

    private int FirstIndexAfter(long cookie)
    {
        int lo = 0, hi = _ordered.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_ordered[mid].Cookie <= cookie) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    private void Compact()
    {
        var live = new List<DirEntry>(_byName.Count);
        foreach (var e in _ordered)
            if (!e.Removed) live.Add(e);
        _ordered = live;
        _tombstones = 0;
    }
}

/// <summary>One name in a directory. <see cref="Node"/> changes only by rename with exchange.</summary>
internal sealed class DirEntry(string name, MemNode node, long cookie)
{
    public string Name { get; } = name;
    public MemNode Node { get; set; } = node;
    public long Cookie { get; } = cookie;
    public bool Removed { get; set; }
}
