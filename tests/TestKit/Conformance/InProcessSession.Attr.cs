using GatewayFs.Fs;

namespace GatewayFs.TestKit.Conformance;

public sealed partial class InProcessSession
{
    /// <inheritdoc />
    public ValueTask<FileAttr> StatAsync(string path) => StatAsync(path, follow: true);

    /// <inheritdoc />
    public ValueTask<FileAttr> LstatAsync(string path) => StatAsync(path, follow: false);

    private ValueTask<FileAttr> StatAsync(string path, bool follow) =>
        OnNodeAsync(path, follow, async node => (await _fs.GetAttrAsync(node, null, default)).Attr);

    /// <inheritdoc />
    public ValueTask ChmodAsync(string path, uint mode) =>
        SetAttrAsync(path, new SetAttrRequest { Fields = SetAttrFields.Mode, Mode = mode });

    /// <inheritdoc />
    public ValueTask ChownAsync(string path, uint uid, uint gid) =>
        SetAttrAsync(path, new SetAttrRequest { Fields = SetAttrFields.Uid | SetAttrFields.Gid, Uid = uid, Gid = gid });

    /// <inheritdoc />
    public ValueTask UtimensAsync(string path, FsTime? atime, FsTime? mtime)
    {
        var request = new SetAttrRequest();
        if (atime == Utime.Now) request.Fields |= SetAttrFields.AtimeNow;
        else if (atime is { } a) { request.Fields |= SetAttrFields.Atime; request.Atime = a; }
        if (mtime == Utime.Now) request.Fields |= SetAttrFields.MtimeNow;
        else if (mtime is { } m) { request.Fields |= SetAttrFields.Mtime; request.Mtime = m; }
        return SetAttrAsync(path, request);
    }

    /// <inheritdoc />
    public ValueTask TruncateAsync(string path, long size) =>
        SetAttrAsync(path, new SetAttrRequest { Fields = SetAttrFields.Size, Size = size });

    private ValueTask SetAttrAsync(string path, SetAttrRequest request) =>
        OnNodeAsync(path, async node => await _fs.SetAttrAsync(node, request, null, _caller, default));

    /// <inheritdoc />
    public ValueTask<FsStats> StatFsAsync(string path) =>
        OnNodeAsync(path, follow: true, node => _fs.StatFsAsync(node, default));

    /// <inheritdoc />
    public ValueTask<byte[]> GetXattrAsync(string path, string name) =>
        OnNodeAsync(path, follow: true, async node =>
        {
            // Like getxattr(2) callers: ask the size, then fetch; retry if it grew meanwhile.
            while (true)
            {
                int size = await _fs.GetXattrAsync(node, name, Memory<byte>.Empty, default);
                var buffer = new byte[size];
                if (size == 0) return buffer;
                try
                {
                    int n = await _fs.GetXattrAsync(node, name, buffer, default);
                    return buffer[..n];
                }
                catch (FsException e) when (e.Error == FsError.Range) { }
            }
        });

    /// <inheritdoc />
    public ValueTask SetXattrAsync(string path, string name, byte[] value, XattrFlags flags = XattrFlags.None) =>
        OnNodeAsync(path, node => _fs.SetXattrAsync(node, name, value, flags, default));

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<string>> ListXattrAsync(string path) =>
        OnNodeAsync(path, follow: true, node => _fs.ListXattrAsync(node, default));

    /// <inheritdoc />
    public ValueTask RemoveXattrAsync(string path, string name) =>
        OnNodeAsync(path, node => _fs.RemoveXattrAsync(node, name, default));
}
