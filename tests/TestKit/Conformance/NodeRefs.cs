using GatewayFs.Fs;

namespace GatewayFs.TestKit.Conformance;

/// <summary>
/// The lookups one in-process operation took, forgotten when it ends, as the kernel does
/// when it drops dentries; an open file keeps its node's reference until it is closed.
/// </summary>
internal sealed class NodeRefs(IFileSystem fs) : IDisposable
{
    private readonly List<ulong> _held = new();

    public ulong Add(ulong node)
    {
        _held.Add(node);
        return node;
    }

    /// <summary>
    /// Hands one reference to <paramref name="node"/> to the caller, who forgets it later.
    /// False for the root, which a walk reaches without a lookup and nobody forgets.
    /// </summary>
    public bool Transfer(ulong node)
    {
        int i = _held.LastIndexOf(node);
        if (i < 0)
        {
            if (node == 1) return false;
            throw new InvalidOperationException($"no reference to node {node} to transfer");
        }
        _held.RemoveAt(i);
        return true;
    }

    public void Dispose()
    {
        foreach (var node in _held) fs.Forget(node, 1);
        _held.Clear();
    }
}
