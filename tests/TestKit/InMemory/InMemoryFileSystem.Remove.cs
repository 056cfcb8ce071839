#pragma warning disable CS1998 // every call completes synchronously; async only so that errors travel in the returned task

using GatewayFs.Fs;

namespace GatewayFs.TestKit.InMemory;

public sealed partial class InMemoryFileSystem
{
    /// <inheritdoc />
    public async ValueTask UnlinkAsync(ulong parent, string name, CancellationToken ct)
    {
        lock (_tree)
        {
            var dir = DirOf(parent);
            var entry = ExistingEntry(dir, name);
            if (entry.Node.IsDirectory) throw new FsException(FsError.IsDirectory, $"'{name}' is a directory: use rmdir");
            var now = FsTime.Now;
            dir.Dir!.Remove(name);
            dir.Touch(now, content: true);
            entry.Node.AddLinks(-1, now);
            TryFree(entry.Node);
        }
    }

    /// <inheritdoc />
    public async ValueTask RmdirAsync(ulong parent, string name, CancellationToken ct)
    {
        lock (_tree)
        {
            var dir = DirOf(parent);
            var entry = ExistingEntry(dir, name);
            var node = entry.Node;
            if (!node.IsDirectory) throw new FsException(FsError.NotDirectory, $"'{name}' is not a directory");
            if (node.Dir!.Count > 0) throw new FsException(FsError.NotEmpty, $"directory '{name}' is not empty");
            var now = FsTime.Now;
            dir.Dir!.Remove(name);
            dir.AddLinks(-1, now);
            dir.Touch(now, content: true);
            node.Unlinked(now);
            TryFree(node);
        }
    }

    private DirEntry ExistingEntry(MemNode dir, string name)
    {
        FsNames.Validate(name, _options.NameMax);
        return dir.Dir!.Find(name) ?? throw new FsException(FsError.NotFound, $"no entry '{name}'");
    }
}
