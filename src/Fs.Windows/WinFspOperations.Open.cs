namespace GatewayFs.Fs.Windows;

internal sealed partial class WinFspOperations
{
    private const uint NewFileMode = 0x1B6; // 0666, before the caller's umask
    private const uint NewDirMode = 0x1FF;  // 0777
    private const uint NewReadOnlyFileMode = 0x124; // 0444

    /// <summary>Create: a new file or (FILE_DIRECTORY_FILE) directory; it must not exist.</summary>
    public async ValueTask<OpenResult> CreateAsync(string path, uint createOptions, uint grantedAccess, uint fileAttributes, CancellationToken ct)
    {
        try
        {
            var (parent, leaf) = await _walker.ResolveParentAsync(path, ct).ConfigureAwait(false);
            if (!parent.Found) return new OpenResult(parent.Status, null, default);
            try
            {
                return (createOptions & WinAttributes.DirectoryFile) != 0
                    ? await CreateDirectoryAsync(parent.NodeId, leaf, ct).ConfigureAwait(false)
                    : await CreateFileAsync(parent.NodeId, leaf, createOptions, grantedAccess, fileAttributes, ct).ConfigureAwait(false);
            }
            finally
            {
                _walker.Release(parent);
            }
        }
        catch (Exception ex)
        {
            return new OpenResult(StatusOf(ex, "Create", path), null, default);
        }
    }

    private async ValueTask<OpenResult> CreateDirectoryAsync(ulong parent, string name, CancellationToken ct)
    {
        var entry = await _fs.MkdirAsync(parent, name, NewDirMode, _options.Caller, ct).ConfigureAwait(false);
        ulong handle;
        try
        {
            handle = await _fs.OpenDirAsync(entry.NodeId, ct).ConfigureAwait(false);
        }
        catch
        {
            _fs.Forget(entry.NodeId, 1);
            throw;
        }
        var file = new WinFile(entry.NodeId, heldLookup: true, entry.Attr.Mode) { Handle = handle, HasHandle = true };
        return new OpenResult(NtStatus.Success, file, ToInfo(entry.Attr));
    }

    private async ValueTask<OpenResult> CreateFileAsync(ulong parent, string name, uint createOptions, uint grantedAccess, uint fileAttributes, CancellationToken ct)
    {
        var flags = AccessMapper.ToOpenFlags(createOptions, grantedAccess);
        uint mode = (fileAttributes & WinAttributes.ReadOnly) != 0 ? NewReadOnlyFileMode : NewFileMode;
        // Exclusive: WinFsp calls Create only after finding no such name; a racing creator
        // must see a collision, not silently share the new file.
        var reply = await _fs.CreateAsync(parent, name, mode, flags | OpenFlags.Create | OpenFlags.Exclusive, _options.Caller, ct)
            .ConfigureAwait(false);
        var file = new WinFile(reply.Entry.NodeId, heldLookup: true, reply.Entry.Attr.Mode)
        {
            Handle = reply.Open.Handle, HasHandle = true, Flags = flags,
        };
        return new OpenResult(NtStatus.Success, file, ToInfo(reply.Entry.Attr));
    }

    /// <summary>Open: an existing file, directory or (as a reparse point) symlink.</summary>
    public async ValueTask<OpenResult> OpenAsync(string path, uint createOptions, uint grantedAccess, CancellationToken ct)
    {
        try
        {
            var r = await _walker.ResolveAsync(path, ct).ConfigureAwait(false);
            if (!r.Found) return new OpenResult(r.Status, null, default);
            try
            {
                var file = await OpenResolvedAsync(r, createOptions, grantedAccess, ct).ConfigureAwait(false);
                if (file is null)
                {
                    _walker.Release(r);
                    bool dir = FileModes.IsDirectory(r.Attr.Mode);
                    return new OpenResult(dir ? NtStatus.FileIsADirectory : NtStatus.NotADirectory, null, default);
                }
                return new OpenResult(NtStatus.Success, file, ToInfo(r.Attr));
            }
            catch
            {
                _walker.Release(r);
                throw;
            }
        }
        catch (Exception ex)
        {
            return new OpenResult(StatusOf(ex, "Open", path), null, default);
        }
    }

    /// <summary>Opens the resolved node; null when its type contradicts the create options.</summary>
    private async ValueTask<WinFile?> OpenResolvedAsync(Resolved r, uint createOptions, uint grantedAccess, CancellationToken ct)
    {
        uint mode = r.Attr.Mode;
        if (FileModes.IsDirectory(mode))
        {
            if ((createOptions & WinAttributes.NonDirectoryFile) != 0) return null;
            ulong dh = await _fs.OpenDirAsync(r.NodeId, ct).ConfigureAwait(false);
            return new WinFile(r.NodeId, r.Held, mode) { Handle = dh, HasHandle = true };
        }
        if ((createOptions & WinAttributes.DirectoryFile) != 0) return null;
        // A symlink reaches Open only as a reparse point itself (WinFsp resolves it otherwise):
        // there is nothing to read through it, so it gets no handle.
        if (FileModes.IsSymlink(mode)) return new WinFile(r.NodeId, r.Held, mode);
        var flags = AccessMapper.ToOpenFlags(createOptions, grantedAccess);
        var reply = await _fs.OpenAsync(r.NodeId, flags, _options.Caller, ct).ConfigureAwait(false);
        return new WinFile(r.NodeId, r.Held, mode) { Handle = reply.Handle, HasHandle = true, Flags = flags };
    }

    /// <summary>Overwrite (FILE_OVERWRITE, FILE_SUPERSEDE): truncate to zero, optionally make read-only.</summary>
    public async ValueTask<InfoResult> OverwriteAsync(WinFile file, uint fileAttributes, bool replaceAttributes, CancellationToken ct)
    {
        try
        {
            if (file.IsDirectory || !file.HasHandle) return new InfoResult(NtStatus.FileIsADirectory, default);
            var req = new SetAttrRequest { Fields = SetAttrFields.Size, Size = 0 };
            // Replace: the new attributes alone decide READONLY; merge: they can only add it.
            uint wanted = replaceAttributes ? fileAttributes : fileAttributes | FileInfoMapper.ToAttributes(file.Mode);
            if (FileInfoMapper.ModeForAttributes(file.Mode, wanted, _options.Caller.Umask) is uint newMode
                && (wanted & WinAttributes.ReadOnly) != 0)
            {
                req.Fields |= SetAttrFields.Mode;
                req.Mode = newMode;
            }
            var a = await _fs.SetAttrAsync(file.NodeId, req, file.Handle, _options.Caller, ct).ConfigureAwait(false);
            return new InfoResult(NtStatus.Success, ToInfo(a.Attr));
        }
        catch (Exception ex)
        {
            return new InfoResult(StatusOf(ex, "Overwrite", file.NodeId), default);
        }
    }
}
