namespace GatewayFs.Volumes.Cached;

/// <summary>An open directory: the listing taken at the first readdir, so offsets stay stable.</summary>
internal sealed class DirHandle
{
    public DirHandle(Node node) => Node = node;

    public Node Node { get; }

    /// <summary>Children in listing order; null until the first readdir.</summary>
    public List<KeyValuePair<string, ListedEntry>>? Entries { get; set; }
}
