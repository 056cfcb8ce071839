namespace GatewayFs.Fs.Windows;

/// <summary>
/// Resolves WinFsp's path-based calls onto the inode-based <see cref="IFileSystem"/> by looking
/// up one component at a time from the root. Each step takes a lookup on the child and then
/// forgets the parent, so a walk holds at most two references and ends holding exactly the one
/// it returns. Errors follow NTFS: a missing or non-directory intermediate component is
/// STATUS_OBJECT_PATH_NOT_FOUND, a missing last component STATUS_OBJECT_NAME_NOT_FOUND, and a
/// symlink in the middle of a path is STATUS_REPARSE with the index of that component.
/// </summary>
internal sealed class PathWalker(IFileSystem fs)
{
    /// <summary>Node id of the root directory.</summary>
    public const ulong RootId = 1;

    private readonly int _nameMax = fs.Info.NameMax;

    /// <summary>Resolves the whole of <paramref name="path"/>.</summary>
    public async ValueTask<Resolved> ResolveAsync(string path, CancellationToken ct)
    {
        var parts = WinPath.Split(path, _nameMax);
        if (parts.Count == 0)
        {
            var root = await fs.GetAttrAsync(RootId, null, ct).ConfigureAwait(false);
            return new Resolved(NtStatus.Success, RootId, root.Attr, Held: false);
        }
        return await WalkAsync(parts, parts.Count, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Resolves the directory that holds the last component of <paramref name="path"/> and
    /// returns that component as <c>Leaf</c>; the root has no parent
    /// (STATUS_OBJECT_NAME_INVALID).
    /// </summary>
    public async ValueTask<(Resolved Parent, string Leaf)> ResolveParentAsync(string path, CancellationToken ct)
    {
        var parts = WinPath.Split(path, _nameMax);
        if (parts.Count == 0) return (Resolved.Fail(NtStatus.ObjectNameInvalid), "");
        string leaf = parts[^1].Name;
        if (parts.Count == 1)
        {
            var root = await fs.GetAttrAsync(RootId, null, ct).ConfigureAwait(false);
            return (new Resolved(NtStatus.Success, RootId, root.Attr, Held: false), leaf);
        }
        parts.RemoveAt(parts.Count - 1);
        // Every component of the parent path is an intermediate one: missing means "path not found".
        var parent = await WalkAsync(parts, parts.Count + 1, ct).ConfigureAwait(false);
        return (parent, leaf);
    }

    /// <summary>Drops the lookup a successful walk handed over.</summary>
    public void Release(in Resolved r)
    {
        if (r.Held) fs.Forget(r.NodeId, 1);
    }

    /// <summary>Walks <paramref name="parts"/>; component index <paramref name="lastIndex"/> is the final one (may be past the end).</summary>
    private async ValueTask<Resolved> WalkAsync(List<PathComponent> parts, int lastIndex, CancellationToken ct)
    {
        ulong current = RootId;
        bool held = false;
        for (int i = 0; i < parts.Count; i++)
        {
            FsEntry? found;
            try
            {
                found = await fs.LookupAsync(current, parts[i].Name, ct).ConfigureAwait(false);
            }
            finally
            {
                if (held) fs.Forget(current, 1);
            }
            bool last = i == lastIndex - 1;
            if (found is not { } e)
                return Resolved.Fail(last ? NtStatus.ObjectNameNotFound : NtStatus.ObjectPathNotFound);
            if (!last && !FileModes.IsDirectory(e.Attr.Mode))
            {
                fs.Forget(e.NodeId, 1);
                return FileModes.IsSymlink(e.Attr.Mode)
                    ? Resolved.Fail(NtStatus.Reparse, parts[i].Start)
                    : Resolved.Fail(NtStatus.ObjectPathNotFound);
            }
            if (i == parts.Count - 1) return new Resolved(NtStatus.Success, e.NodeId, e.Attr, Held: true);
            current = e.NodeId;
            held = true;
        }
        throw new InvalidOperationException("walk of an empty path");
    }
}
