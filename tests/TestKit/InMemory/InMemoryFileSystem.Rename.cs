#pragma warning disable CS1998 // every call completes synchronously; async only so that errors travel in the returned task

using GatewayFs.Fs;

namespace GatewayFs.TestKit.InMemory;

public sealed partial class InMemoryFileSystem
{
    /// <inheritdoc />
    public async ValueTask RenameAsync(ulong parent, string name, ulong newParent, string newName, RenameFlags flags, CancellationToken ct)
    {
        if ((flags & ~(RenameFlags.NoReplace | RenameFlags.Exchange)) != 0 ||
            flags == (RenameFlags.NoReplace | RenameFlags.Exchange))
            throw new FsException(FsError.InvalidArgument, $"invalid rename flags {flags}");
        lock (_tree)
        {
            var fromDir = DirOf(parent);
            var toDir = DirOf(newParent);
            var from = ExistingEntry(fromDir, name);
            FsNames.Validate(newName, _options.NameMax);
            var to = toDir.Dir!.Find(newName);
            if ((flags & RenameFlags.Exchange) != 0)
            {
                if (to is null) throw new FsException(FsError.NotFound, $"no entry '{newName}' to exchange with");
                Exchange(fromDir, from, toDir, to);
                return;
            }
            if (to is not null && (flags & RenameFlags.NoReplace) != 0)
                throw new FsException(FsError.Exists, $"'{newName}' exists");
            if (to is not null && to.Node == from.Node) return; // same file: POSIX says do nothing
            var node = from.Node;
            if (toDir.Nlink == 0) throw new FsException(FsError.NotFound, "the target directory was removed");
            if (node.IsDirectory)
            {
                if (IsSelfOrDescendant(toDir, node))
                    throw new FsException(FsError.InvalidArgument, $"cannot move directory '{name}' into itself");
                if (to is not null && !to.Node.IsDirectory)
                    throw new FsException(FsError.NotDirectory, $"'{newName}' is not a directory");
                if (to is not null && to.Node.Dir!.Count > 0)
                    throw new FsException(FsError.NotEmpty, $"directory '{newName}' is not empty");
            }
            else if (to is not null && to.Node.IsDirectory)
                throw new FsException(FsError.IsDirectory, $"'{newName}' is a directory");

            var now = FsTime.Now;
            if (to is not null)
            {
                toDir.Dir.Remove(newName);
                if (to.Node.IsDirectory) { to.Node.Unlinked(now); toDir.AddLinks(-1, now); }
                else to.Node.AddLinks(-1, now);
                TryFree(to.Node);
            }
            fromDir.Dir!.Remove(name);
            toDir.Dir.Add(newName, node);
            if (node.IsDirectory && fromDir != toDir)
            {
                node.Parent = toDir;
                fromDir.AddLinks(-1, now);
                toDir.AddLinks(+1, now);
            }
            node.Touch(now, content: false);
            fromDir.Touch(now, content: true);
            toDir.Touch(now, content: true);
        }
    }

    private void Exchange(MemNode fromDir, DirEntry from, MemNode toDir, DirEntry to)
    {
        var a = from.Node;
        var b = to.Node;
        if (a == b) return;
        if (a.IsDirectory && IsSelfOrDescendant(toDir, a) || b.IsDirectory && IsSelfOrDescendant(fromDir, b))
            throw new FsException(FsError.InvalidArgument, "cannot exchange a directory with something inside it");
        var now = FsTime.Now;
        from.Node = b;
        to.Node = a;
        if (fromDir != toDir)
        {
            if (a.IsDirectory) { a.Parent = toDir; fromDir.AddLinks(-1, now); toDir.AddLinks(+1, now); }
            if (b.IsDirectory) { b.Parent = fromDir; toDir.AddLinks(-1, now); fromDir.AddLinks(+1, now); }
        }
        a.Touch(now, content: false);
        b.Touch(now, content: false);
        fromDir.Touch(now, content: true);
        toDir.Touch(now, content: true);
    }

    /// <summary>True when <paramref name="dir"/> is <paramref name="ancestor"/> or lies below it.</summary>
    private static bool IsSelfOrDescendant(MemNode dir, MemNode ancestor)
    {
        for (var d = dir; ; d = d.Parent!)
        {
            if (d == ancestor) return true;
            if (d.Id == RootId) return false;
        }
    }
}
