using GatewayFs.Fs;

namespace GatewayFs.TestKit.Conformance;

public sealed partial class InProcessSession
{
    /// <inheritdoc />
    public ValueTask MkdirAsync(string path, uint mode = 0x1ED) =>
        OnParentAsync(path, (dir, name) => _fs.MkdirAsync(dir, name, mode, _caller, default));

    /// <inheritdoc />
    public ValueTask RmdirAsync(string path) =>
        OnParentAsync(path, (dir, name) => _fs.RmdirAsync(dir, name, default));

    /// <inheritdoc />
    public ValueTask UnlinkAsync(string path) =>
        OnParentAsync(path, (dir, name) => _fs.UnlinkAsync(dir, name, default));

    /// <inheritdoc />
    public async ValueTask RenameAsync(string from, string to, RenameFlags flags = RenameFlags.None)
    {
        using var refs = new NodeRefs(_fs);
        var (fromDir, fromName) = await ParentAsync(from, refs);
        var (toDir, toName) = await ParentAsync(to, refs);
        await _fs.RenameAsync(fromDir, fromName, toDir, toName, flags, default);
    }

    /// <inheritdoc />
    public ValueTask SymlinkAsync(string target, string path) =>
        OnParentAsync(path, (dir, name) => _fs.SymlinkAsync(dir, name, target, _caller, default));

    /// <inheritdoc />
    public ValueTask<string> ReadLinkAsync(string path) =>
        OnNodeAsync(path, follow: false, node => _fs.ReadLinkAsync(node, default));

    /// <inheritdoc />
    public async ValueTask LinkAsync(string existing, string path)
    {
        using var refs = new NodeRefs(_fs);
        var node = await WalkAsync(existing, followLast: false, refs); // link(2) does not follow
        var (dir, name) = await ParentAsync(path, refs);
        refs.Add((await _fs.LinkAsync(node, dir, name, default)).NodeId);
    }
}
