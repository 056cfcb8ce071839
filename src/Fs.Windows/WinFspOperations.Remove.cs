namespace GatewayFs.Fs.Windows;

internal sealed partial class WinFspOperations
{
    /// <summary>CanDelete: a directory must be empty; the deletion itself happens at Cleanup.</summary>
    public async ValueTask<int> CanDeleteAsync(WinFile file, CancellationToken ct)
    {
        try
        {
            if (!file.IsDirectory || !file.HasHandle) return NtStatus.Success;
            var probe = new EmptyProbe();
            await _fs.ReadDirAsync(file.NodeId, file.Handle, 0, probe, ct).ConfigureAwait(false);
            return probe.HasEntries ? NtStatus.DirectoryNotEmpty : NtStatus.Success;
        }
        catch (Exception ex)
        {
            return StatusOf(ex, "CanDelete", file.NodeId);
        }
    }

    /// <summary>
    /// Cleanup: the last handle of a file object closed. Deletes the name when WinFsp says so
    /// (delete-on-close, DeleteFile, RemoveDirectory), otherwise passes the close on as a
    /// flush, which is where a cached volume schedules the upload. Windows takes no answer, so
    /// failures are logged.
    /// </summary>
    public async ValueTask CleanupAsync(WinFile file, string? path, uint flags, CancellationToken ct)
    {
        try
        {
            if ((flags & WinAttributes.CleanupDelete) != 0 && path is not null)
                await DeleteAsync(file, path, ct).ConfigureAwait(false);
            else if (file.HasHandle && !file.IsDirectory)
                await _fs.FlushAsync(file.NodeId, file.Handle, ct).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogUnreported(ex, "Cleanup", path ?? file.NodeId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    private async ValueTask DeleteAsync(WinFile file, string path, CancellationToken ct)
    {
        var (parent, leaf) = await _walker.ResolveParentAsync(path, ct).ConfigureAwait(false);
        if (!parent.Found)
            throw new FsException(FsError.NotFound, $"parent of '{path}' vanished before its delete");
        try
        {
            if (file.IsDirectory) await _fs.RmdirAsync(parent.NodeId, leaf, ct).ConfigureAwait(false);
            else await _fs.UnlinkAsync(parent.NodeId, leaf, ct).ConfigureAwait(false);
        }
        finally
        {
            _walker.Release(parent);
        }
    }

    /// <summary>Close: releases the handle and the lookup the file context owned.</summary>
    public async ValueTask CloseAsync(WinFile file, CancellationToken ct)
    {
        if (!file.TryClose()) return;
        try
        {
            if (file.HasHandle)
            {
                if (file.IsDirectory) await _fs.ReleaseDirAsync(file.NodeId, file.Handle, ct).ConfigureAwait(false);
                else await _fs.ReleaseAsync(file.NodeId, file.Handle, ct).ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            LogUnreported(ex, "Close", file.NodeId);
        }
        finally
        {
            if (file.HeldLookup) _fs.Forget(file.NodeId, 1);
        }
    }

    /// <summary>
    /// Rename: both names are full paths. Without ReplaceIfExists an existing target is a
    /// collision; with it, a directory target is still refused (Windows never replaces one).
    /// </summary>
    public async ValueTask<int> RenameAsync(string path, string newPath, bool replaceIfExists, CancellationToken ct)
    {
        try
        {
            var (from, fromLeaf) = await _walker.ResolveParentAsync(path, ct).ConfigureAwait(false);
            if (!from.Found) return from.Status;
            try
            {
                var (to, toLeaf) = await _walker.ResolveParentAsync(newPath, ct).ConfigureAwait(false);
                if (!to.Found) return to.Status;
                try
                {
                    if (replaceIfExists && await IsDirectoryAsync(to.NodeId, toLeaf, ct).ConfigureAwait(false))
                        return NtStatus.AccessDenied;
                    await _fs.RenameAsync(from.NodeId, fromLeaf, to.NodeId, toLeaf,
                        AccessMapper.ToRenameFlags(replaceIfExists), ct).ConfigureAwait(false);
                    return NtStatus.Success;
                }
                finally
                {
                    _walker.Release(to);
                }
            }
            finally
            {
                _walker.Release(from);
            }
        }
        catch (Exception ex)
        {
            return StatusOf(ex, "Rename", $"{path} -> {newPath}");
        }
    }

    private async ValueTask<bool> IsDirectoryAsync(ulong parent, string name, CancellationToken ct)
    {
        var e = await _fs.LookupAsync(parent, name, ct).ConfigureAwait(false);
        if (e is not { } entry) return false;
        _fs.Forget(entry.NodeId, 1);
        return FileModes.IsDirectory(entry.Attr.Mode);
    }

    /// <summary>Stops at the first entry other than "." and "..".</summary>
    private sealed class EmptyProbe : IDirSink
    {
        public bool HasEntries { get; private set; }
        public bool Plus => false;

        public bool TryAdd(string name, in FsEntry entry, long nextOffset)
        {
            if (name is "." or "..") return true;
            HasEntries = true;
            return false;
        }
    }
}
