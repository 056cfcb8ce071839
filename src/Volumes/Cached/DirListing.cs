namespace GatewayFs.Volumes.Cached;

/// <summary>A directory's complete listing at one time, kept up to date with our own changes until it expires.</summary>
internal sealed class DirListing
{
    public DirListing(Dictionary<string, ListedEntry> entries, long fetchedAt)
    {
        Entries = entries;
        FetchedAt = fetchedAt;
    }

    /// <summary>Children by name. Guarded by the directory cache's lock.</summary>
    public Dictionary<string, ListedEntry> Entries { get; }

    /// <summary>Environment.TickCount64 when it was listed.</summary>
    public long FetchedAt { get; }
}
