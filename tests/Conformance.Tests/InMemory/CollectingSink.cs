namespace GatewayFs.Tests.Conformance.InMemory;

/// <summary>A readdir sink that takes up to <c>limit</c> entries.</summary>
internal sealed class CollectingSink(bool plus, int limit = int.MaxValue) : IDirSink
{
    public bool Plus { get; } = plus;
    public List<(string Name, ulong Node, long Next)> Entries { get; } = new();

    public bool TryAdd(string name, in FsEntry entry, long nextOffset)
    {
        if (Entries.Count >= limit) return false;
        Entries.Add((name, entry.NodeId, nextOffset));
        return true;
    }
}
