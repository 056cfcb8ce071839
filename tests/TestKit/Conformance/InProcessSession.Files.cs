using GatewayFs.Fs;

namespace GatewayFs.TestKit.Conformance;

public sealed partial class InProcessSession
{
    /// <inheritdoc />
    public async ValueTask<IFsFile> OpenAsync(string path, OpenFlags flags, uint mode = 0x1A4)
    {
        using var refs = new NodeRefs(_fs);
        ulong node;
        if ((flags & OpenFlags.Create) != 0)
        {
            var (dir, name) = await ParentAsync(path, refs);
            var existing = await _fs.LookupAsync(dir, name, default);
            if (existing is null)
            {
                var created = await _fs.CreateAsync(dir, name, mode, flags, _caller, default);
                return new InProcessFile(this, created.Entry.NodeId, created.Open.Handle, flags);
            }
            refs.Add(existing.Value.NodeId);
            if ((flags & OpenFlags.Exclusive) != 0) throw new FsException(FsError.Exists, $"'{path}' exists");
            node = FileModes.IsSymlink(existing.Value.Attr.Mode)
                ? await WalkAsync(path, followLast: true, refs)
                : existing.Value.NodeId;
        }
        else
        {
            node = await WalkAsync(path, followLast: true, refs);
        }
        var attr = (await _fs.GetAttrAsync(node, null, default)).Attr;
        if (FileModes.IsDirectory(attr.Mode))
            throw new FsException(FsError.IsDirectory, $"'{path}' is a directory (the in-process session opens only files)");
        var open = await _fs.OpenAsync(node, flags & ~(OpenFlags.Create | OpenFlags.Exclusive), _caller, default);
        refs.Transfer(node); // the open file keeps the node referenced until it is closed
        return new InProcessFile(this, node, open.Handle, flags);
    }
}
