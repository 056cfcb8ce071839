#pragma warning disable CS1998 // every call completes synchronously; async only so that errors travel in the returned task

using GatewayFs.Fs;

namespace GatewayFs.TestKit.InMemory;

public sealed partial class InMemoryFileSystem
{
    /// <inheritdoc />
    public async ValueTask<AttrReply> GetAttrAsync(ulong node, ulong? handle, CancellationToken ct)
    {
        var n = handle is { } h ? HandleOf(node, h).Node : NodeOf(node);
        return new AttrReply(n.ReadAttr(), _options.AttrTimeout);
    }

    /// <inheritdoc />
    public async ValueTask<AttrReply> SetAttrAsync(ulong node, SetAttrRequest request, ulong? handle, FsCaller caller, CancellationToken ct)
    {
        var n = handle is { } h ? HandleOf(node, h).Node : NodeOf(node);
        if (request.Has(SetAttrFields.Size))
        {
            if (n.IsDirectory) throw new FsException(FsError.IsDirectory, "cannot truncate a directory");
            if (n.Data is null) throw new FsException(FsError.InvalidArgument, "only regular files have a size to set");
            if (request.Size < 0) throw new FsException(FsError.InvalidArgument, $"negative size {request.Size}");
            if (request.Size > _options.MaxFileSize)
                throw new FsException(FsError.FileTooLarge, $"size {request.Size} exceeds the largest file size {_options.MaxFileSize}");
        }
        var now = FsTime.Now;
        n.Rw.EnterWriteLock();
        try
        {
            ref var a = ref n.Attr;
            if (request.Has(SetAttrFields.Mode)) a.Mode = (a.Mode & FileModes.TypeMask) | (request.Mode & FileModes.PermissionMask);
            if (request.Has(SetAttrFields.Uid)) a.Uid = request.Uid;
            if (request.Has(SetAttrFields.Gid)) a.Gid = request.Gid;
            if (request.Has(SetAttrFields.Size))
            {
                // truncate(2) marks mtime and ctime even when the size does not change (as Linux does).
                ReleaseChunks(n.Data!.SetLength(request.Size));
                a.Mtime = now;
            }
            if (request.Has(SetAttrFields.AtimeNow)) a.Atime = now;
            else if (request.Has(SetAttrFields.Atime)) a.Atime = request.Atime;
            if (request.Has(SetAttrFields.MtimeNow)) a.Mtime = now;
            else if (request.Has(SetAttrFields.Mtime)) a.Mtime = request.Mtime;
            a.Ctime = request.Has(SetAttrFields.Ctime) ? request.Ctime : now;
            return new AttrReply(n.Snapshot(), _options.AttrTimeout);
        }
        finally { n.Rw.ExitWriteLock(); }
    }

    /// <inheritdoc />
    public async ValueTask<string> ReadLinkAsync(ulong node, CancellationToken ct) =>
        NodeOf(node).Target ?? throw new FsException(FsError.InvalidArgument, $"node {node} is not a symbolic link");

    /// <inheritdoc />
    public async ValueTask<FsStats> StatFsAsync(ulong node, CancellationToken ct)
    {
        NodeOf(node);
        const uint Block = 4096;
        long used = UsedBytes;
        ulong total = (ulong)(_options.Capacity / Block);
        ulong free = (ulong)Math.Max(0, (_options.Capacity - used) / Block);
        ulong files = (ulong)_options.MaxNodes;
        return new FsStats
        {
            BlockSize = Block,
            Blocks = total,
            BlocksFree = free,
            BlocksAvailable = free,
            Files = files,
            FilesFree = files - (ulong)Math.Min(_nodes.Count, _options.MaxNodes),
            NameMax = (uint)_options.NameMax,
        };
    }
}
