namespace GatewayFs.Volumes.Cached;

/// <summary>A directory's complete listing at one time, kept up to date with our own changes until it expires.</summary>
internal sealed class DirListing
{
    private readonly Dictionary<string, ListedEntry> _entries;

    public DirListing(Dictionary<string, ListedEntry> entries, long fetchedAt)
    {
        _entries = entries;
        FetchedAt = fetchedAt;
        foreach (var e in entries.Values)
            if (e.IsDirectory) Subdirectories++;
    }

    /// <summary>Children by name. Guarded by the directory cache's lock; changed only through <see cref="Set"/> and <see cref="Remove"/>.</summary>
    public IReadOnlyDictionary<string, ListedEntry> Entries => _entries;

    /// <summary>
    /// How many children are directories, kept as entries change: a directory's link count
    /// needs it on every getattr and every create in it, and counting would cost the size of the listing.
    /// </summary>
    public int Subdirectories { get; private set; }

    /// <summary>Environment.TickCount64 when it was listed.</summary>
    public long FetchedAt { get; }

    public void Set(string name, ListedEntry entry)
    {
        Remove(name);
        _entries[name] = entry;
        if (entry.IsDirectory) Subdirectories++;
    }

    public void Remove(string name)
    {
        if (_entries.Remove(name, out var old) && old.IsDirectory) Subdirectories--;
    }
}
