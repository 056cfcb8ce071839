using GatewayFs.Fs.Linux.Native;
using Microsoft.Extensions.Logging;

namespace GatewayFs.Fs.Linux;

/// <summary>Operations on names and nodes: lookup, attributes, links, directories, rename.</summary>
internal sealed partial class FuseSession
{
    private static readonly ReplyAction<FsEntry, NoState> ReplyEntry = static (r, e, _) => r.ReplyEntry(e);
    private static readonly ReplyAction<AttrReply, NodeState> ReplyAttr = static (r, a, s) => r.ReplyAttr(s.Node, a.Attr, a.Timeout);

    internal void Lookup(FuseRequest req, ulong parent, string? name)
    {
        if (Refused(req, name, Libc.ENOENT)) return;
        Run(req, "lookup", (parent, name), static (fs, a, ct) => fs.LookupAsync(a.parent, a.name, ct), new LookupState(_negativeSeconds),
            static (r, e, s) =>
            {
                if (e.HasValue) r.ReplyEntry(e.GetValueOrDefault());
                else if (s.NegativeSeconds > 0) r.ReplyNegativeEntry(s.NegativeSeconds);
                else r.ReplyError(Libc.ENOENT);
            });
    }

    internal void Forget(ulong node, ulong count)
    {
        try
        {
            _fs.Forget(node, count);
        }
        catch (Exception e)
        {
            _log.LogError(e, "forget of node {Node} failed", node);
        }
    }

    internal void GetAttr(FuseRequest req, ulong node, ulong? handle) =>
        Run(req, "getattr", (node, handle), static (fs, a, ct) => fs.GetAttrAsync(a.node, a.handle, ct), new NodeState(node), ReplyAttr);

    internal void SetAttr(FuseRequest req, ulong node, SetAttrRequest request, ulong? handle) =>
        Run(req, "setattr", (node, request, handle, caller: req.Caller),
            static (fs, a, ct) => fs.SetAttrAsync(a.node, a.request, a.handle, a.caller, ct), new NodeState(node), ReplyAttr);

    internal void ReadLink(FuseRequest req, ulong node) =>
        Run(req, "readlink", node, static (fs, n, ct) => fs.ReadLinkAsync(n, ct), default(NoState), static (r, t, _) => r.ReplyReadLink(t));

    internal void Mknod(FuseRequest req, ulong parent, string? name, uint mode)
    {
        if (Refused(req, name, Libc.EILSEQ)) return;
        // Only regular files exist in gatewayfs; mknod(2) of anything else is refused like on
        // filesystems without device nodes.
        if (!FileModes.IsRegular(mode))
        {
            req.ReplyError(Libc.EPERM);
            return;
        }
        Run(req, "mknod", (parent, name, mode: mode & FileModes.PermissionMask, caller: req.Caller),
            static (fs, a, ct) => CreateClosed(fs, a.parent, a.name, a.mode, a.caller, ct), default(NoState), ReplyEntry);
    }

    private static async ValueTask<FsEntry> CreateClosed(IFileSystem fs, ulong parent, string name, uint mode, FsCaller caller, CancellationToken ct)
    {
        var created = await fs.CreateAsync(parent, name, mode, OpenFlags.ReadOnly | OpenFlags.Create | OpenFlags.Exclusive, caller, ct).ConfigureAwait(false);
        await fs.ReleaseAsync(created.Entry.NodeId, created.Open.Handle, ct).ConfigureAwait(false);
        return created.Entry;
    }

    internal void Mkdir(FuseRequest req, ulong parent, string? name, uint mode)
    {
        if (Refused(req, name, Libc.EILSEQ)) return;
        Run(req, "mkdir", (parent, name, mode: mode & FileModes.PermissionMask, caller: req.Caller),
            static (fs, a, ct) => fs.MkdirAsync(a.parent, a.name, a.mode, a.caller, ct), default(NoState), ReplyEntry);
    }

    /// <summary>A target that is not UTF-8 is refused like such a name: stored lossily it would point elsewhere.</summary>
    internal void Symlink(FuseRequest req, string? target, ulong parent, string? name)
    {
        if (Refused(req, name, Libc.EILSEQ) || Refused(req, target, Libc.EILSEQ)) return;
        Run(req, "symlink", (parent, name, target, caller: req.Caller),
            static (fs, a, ct) => fs.SymlinkAsync(a.parent, a.name, a.target, a.caller, ct), default(NoState), ReplyEntry);
    }

    internal void Link(FuseRequest req, ulong node, ulong newParent, string? newName)
    {
        if (Refused(req, newName, Libc.EILSEQ)) return;
        Run(req, "link", (node, newParent, newName),
            static (fs, a, ct) => fs.LinkAsync(a.node, a.newParent, a.newName, ct), default(NoState), ReplyEntry);
    }

    internal void Unlink(FuseRequest req, ulong parent, string? name)
    {
        if (Refused(req, name, Libc.ENOENT)) return;
        Run(req, "unlink", (parent, name), static (fs, a, ct) => fs.UnlinkAsync(a.parent, a.name, ct));
    }

    internal void Rmdir(FuseRequest req, ulong parent, string? name)
    {
        if (Refused(req, name, Libc.ENOENT)) return;
        Run(req, "rmdir", (parent, name), static (fs, a, ct) => fs.RmdirAsync(a.parent, a.name, ct));
    }

    internal void Rename(FuseRequest req, ulong parent, string? name, ulong newParent, string? newName, uint flags)
    {
        if (Refused(req, name, Libc.ENOENT) || Refused(req, newName, Libc.EILSEQ)) return;
        const uint known = (uint)(RenameFlags.NoReplace | RenameFlags.Exchange); // RENAME_NOREPLACE 1, RENAME_EXCHANGE 2
        if ((flags & ~known) != 0)
        {
            req.ReplyError(Libc.EINVAL); // RENAME_WHITEOUT and future flags
            return;
        }
        Run(req, "rename", (parent, name, newParent, newName, flags: (RenameFlags)flags),
            static (fs, a, ct) => fs.RenameAsync(a.parent, a.name, a.newParent, a.newName, a.flags, ct));
    }
}
