#pragma warning disable CS1998 // every call completes synchronously; async only so that errors travel in the returned task

using GatewayFs.Fs;

namespace GatewayFs.TestKit.InMemory;

public sealed partial class InMemoryFileSystem
{
    /// <inheritdoc />
    public async ValueTask<FsEntry> MkdirAsync(ulong parent, string name, uint mode, FsCaller caller, CancellationToken ct)
    {
        lock (_tree)
        {
            var dir = PrepareNewName(parent, name);
            var (owner, fullMode) = NewOwnership(dir, FileModes.Directory, mode, caller);
            var now = FsTime.Now;
            var node = NewNode(fullMode, owner, now);
            node.Parent = dir;
            dir.Dir!.Add(name, node);
            dir.AddLinks(+1, now); // the child's ".."
            dir.Touch(now, content: true);
            return EntryFor(node);
        }
    }

    /// <inheritdoc />
    public async ValueTask<FsEntry> SymlinkAsync(ulong parent, string name, string target, FsCaller caller, CancellationToken ct)
    {
        if (target.Length == 0) throw new FsException(FsError.NotFound, "a symbolic link needs a non-empty target");
        if (target.Contains('\0')) throw new FsException(FsError.InvalidArgument, "a symbolic link target cannot hold NUL");
        int length = System.Text.Encoding.UTF8.GetByteCount(target);
        if (length >= 4096) throw new FsException(FsError.NameTooLong, $"symbolic link target of {length} bytes exceeds 4095");
        lock (_tree)
        {
            var dir = PrepareNewName(parent, name);
            var now = FsTime.Now;
            var (owner, _) = NewOwnership(dir, FileModes.Symlink, 0, caller);
            var node = NewNode(FileModes.Symlink | 0x1FF /* 0777 */, owner, now, target);
            node.Attr.Size = length;
            dir.Dir!.Add(name, node);
            dir.Touch(now, content: true);
            return EntryFor(node);
        }
    }

    /// <inheritdoc />
    public async ValueTask<FsEntry> LinkAsync(ulong node, ulong newParent, string newName, CancellationToken ct)
    {
        lock (_tree)
        {
            var n = NodeOf(node);
            if (n.IsDirectory) throw new FsException(FsError.NotPermitted, "hard links to directories are not allowed");
            var dir = PrepareNewName(newParent, newName);
            if (n.Nlink == 0) throw new FsException(FsError.NotFound, $"node {node} was unlinked");
            var now = FsTime.Now;
            dir.Dir!.Add(newName, n);
            n.AddLinks(+1, now);
            dir.Touch(now, content: true);
            return EntryFor(n);
        }
    }

    /// <inheritdoc />
    public async ValueTask<CreateReply> CreateAsync(ulong parent, string name, uint mode, OpenFlags flags, FsCaller caller, CancellationToken ct)
    {
        lock (_tree)
        {
            var dir = LiveDirOf(parent);
            FsNames.Validate(name, _options.NameMax);
            if (dir.Dir!.Find(name) is { } existing)
            {
                if ((flags & OpenFlags.Exclusive) != 0) throw new FsException(FsError.Exists, $"'{name}' exists");
                var node = existing.Node;
                if (node.IsDirectory) throw new FsException(FsError.IsDirectory, $"'{name}' is a directory");
                if (node.Data is null) throw new FsException(FsError.Exists, $"'{name}' exists and is not a regular file");
                var open = OpenNode(node, flags & ~(OpenFlags.Create | OpenFlags.Exclusive));
                return new CreateReply { Entry = EntryFor(node), Open = open };
            }
            var (owner, fullMode) = NewOwnership(dir, FileModes.Regular, mode, caller);
            var now = FsTime.Now;
            var created = NewNode(fullMode, owner, now);
            dir.Dir.Add(name, created);
            dir.Touch(now, content: true);
            var reply = OpenNode(created, flags & ~(OpenFlags.Create | OpenFlags.Exclusive | OpenFlags.Truncate));
            return new CreateReply { Entry = EntryFor(created), Open = reply };
        }
    }

    /// <summary>The live directory <paramref name="parent"/>, checked to have no entry <paramref name="name"/>.</summary>
    private MemNode PrepareNewName(ulong parent, string name)
    {
        var dir = LiveDirOf(parent);
        FsNames.Validate(name, _options.NameMax);
        if (dir.Dir!.Find(name) is not null) throw new FsException(FsError.Exists, $"'{name}' exists");
        return dir;
    }
}
