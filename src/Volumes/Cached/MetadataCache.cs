namespace GatewayFs.Volumes.Cached;

/// <summary>
/// POSIX metadata of objects by identity (key + ETag), learned from HEADs and our own uploads,
/// so listed objects show their real mode and owner without a HEAD each. Keyed by identity,
/// a changed object never inherits its older self's metadata. Bounded: when full, it is cleared
/// (an entry only saves one HEAD).
/// </summary>
internal sealed class MetadataCache
{
    private readonly Dictionary<string, PosixMetadata> _map = new(StringComparer.Ordinal);
    private readonly int _capacity;

    public MetadataCache(int capacity) => _capacity = capacity;

    public PosixMetadata? Get(string identity)
    {
        lock (_map) return _map.GetValueOrDefault(identity);
    }

    public void Set(string identity, PosixMetadata meta)
    {
        lock (_map)
        {
            if (_map.Count >= _capacity) _map.Clear();
            _map[identity] = meta;
        }
    }
}
