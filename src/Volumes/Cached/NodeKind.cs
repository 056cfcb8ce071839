namespace GatewayFs.Volumes.Cached;

/// <summary>What a node is; fixed for the node's life (a path that changes kind gets a new node).</summary>
internal enum NodeKind
{
    File,
    Directory,
    Symlink,
}
