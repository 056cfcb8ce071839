namespace GatewayFs.Fs.Windows;

internal sealed partial class WinFspOperations
{
    /// <summary>Read: STATUS_END_OF_FILE when nothing is left at <paramref name="offset"/>.</summary>
    public async ValueTask<IoResult> ReadAsync(WinFile file, Memory<byte> buffer, ulong offset, CancellationToken ct)
    {
        try
        {
            if (!file.HasHandle || file.IsDirectory) return new IoResult(NtStatus.InvalidDeviceRequest, 0, default);
            if (offset > long.MaxValue) return new IoResult(NtStatus.EndOfFile, 0, default);
            int n = await _fs.ReadAsync(file.NodeId, file.Handle, (long)offset, buffer, ct).ConfigureAwait(false);
            if (n == 0 && buffer.Length > 0) return new IoResult(NtStatus.EndOfFile, 0, default);
            return new IoResult(NtStatus.Success, (uint)n, default);
        }
        catch (Exception ex)
        {
            return new IoResult(StatusOf(ex, "Read", file.NodeId), 0, default);
        }
    }

    /// <summary>
    /// Write. <paramref name="toEndOfFile"/> writes at the current size (read first, so two
    /// appenders on different hosts can interleave); <paramref name="constrainedIo"/> (paging
    /// I/O) never extends the file.
    /// </summary>
    public async ValueTask<IoResult> WriteAsync(WinFile file, ReadOnlyMemory<byte> data, ulong offset, bool toEndOfFile, bool constrainedIo, CancellationToken ct)
    {
        try
        {
            if (!file.HasHandle || file.IsDirectory) return new IoResult(NtStatus.InvalidDeviceRequest, 0, default);
            if (toEndOfFile || constrainedIo)
            {
                var before = await _fs.GetAttrAsync(file.NodeId, file.Handle, ct).ConfigureAwait(false);
                ulong size = (ulong)Math.Max(0, before.Attr.Size);
                if (toEndOfFile) offset = size;
                if (constrainedIo)
                {
                    if (offset >= size) return new IoResult(NtStatus.Success, 0, ToInfo(before.Attr));
                    if (offset + (ulong)data.Length > size) data = data[..(int)(size - offset)];
                }
            }
            if (offset > long.MaxValue) return new IoResult(NtStatus.FileTooLarge, 0, default);
            int n = await _fs.WriteAsync(file.NodeId, file.Handle, (long)offset, data, ct).ConfigureAwait(false);
            var after = await _fs.GetAttrAsync(file.NodeId, file.Handle, ct).ConfigureAwait(false);
            return new IoResult(NtStatus.Success, (uint)n, ToInfo(after.Attr));
        }
        catch (Exception ex)
        {
            return new IoResult(StatusOf(ex, "Write", file.NodeId), 0, default);
        }
    }

    /// <summary>Flush (FlushFileBuffers): fsync of the file; a volume flush (no file) has nothing of its own to do.</summary>
    public async ValueTask<InfoResult> FlushAsync(WinFile? file, CancellationToken ct)
    {
        if (file is null) return new InfoResult(NtStatus.Success, default);
        try
        {
            if (file.HasHandle && !file.IsDirectory)
                await _fs.FsyncAsync(file.NodeId, file.Handle, dataOnly: false, ct).ConfigureAwait(false);
            return new InfoResult(NtStatus.Success, await InfoOfAsync(file, ct).ConfigureAwait(false));
        }
        catch (Exception ex)
        {
            return new InfoResult(StatusOf(ex, "Flush", file.NodeId), default);
        }
    }

    /// <summary>
    /// SetBasicInfo: READONLY becomes the write bits, the access/write/change FILETIMEs become
    /// atime/mtime/ctime. 0 (and the -1/-2 "stop updating" markers) mean "leave alone"; the
    /// creation time has no POSIX counterpart and is not stored.
    /// </summary>
    public async ValueTask<InfoResult> SetBasicInfoAsync(WinFile file, uint fileAttributes, ulong creationTime,
        ulong lastAccessTime, ulong lastWriteTime, ulong changeTime, CancellationToken ct)
    {
        try
        {
            var current = await _fs.GetAttrAsync(file.NodeId, FileHandleOf(file), ct).ConfigureAwait(false);
            var req = new SetAttrRequest();
            if (FileInfoMapper.ModeForAttributes(current.Attr.Mode, fileAttributes, _options.Caller.Umask) is uint mode)
            {
                req.Fields |= SetAttrFields.Mode;
                req.Mode = mode;
            }
            if (IsTimeSet(lastAccessTime)) { req.Fields |= SetAttrFields.Atime; req.Atime = FileTimes.FromFileTime(lastAccessTime); }
            if (IsTimeSet(lastWriteTime)) { req.Fields |= SetAttrFields.Mtime; req.Mtime = FileTimes.FromFileTime(lastWriteTime); }
            if (IsTimeSet(changeTime)) { req.Fields |= SetAttrFields.Ctime; req.Ctime = FileTimes.FromFileTime(changeTime); }
            if (req.Fields == SetAttrFields.None) return new InfoResult(NtStatus.Success, ToInfo(current.Attr));
            var a = await _fs.SetAttrAsync(file.NodeId, req, FileHandleOf(file), _options.Caller, ct).ConfigureAwait(false);
            return new InfoResult(NtStatus.Success, ToInfo(a.Attr));
        }
        catch (Exception ex)
        {
            return new InfoResult(StatusOf(ex, "SetBasicInfo", file.NodeId), default);
        }
    }

    private static bool IsTimeSet(ulong fileTime) => fileTime != 0 && fileTime < 0xFFFF_FFFF_FFFF_FFFE;

    /// <summary>
    /// SetFileSize: the end of file is a truncate; an allocation size only matters when it
    /// is below the end of file, which it then truncates (WinFsp's rule).
    /// </summary>
    public async ValueTask<InfoResult> SetFileSizeAsync(WinFile file, ulong newSize, bool setAllocationSize, CancellationToken ct)
    {
        try
        {
            if (!file.HasHandle || file.IsDirectory) return new InfoResult(NtStatus.InvalidDeviceRequest, default);
            if (newSize > long.MaxValue) return new InfoResult(NtStatus.FileTooLarge, default);
            if (setAllocationSize)
            {
                var current = await _fs.GetAttrAsync(file.NodeId, file.Handle, ct).ConfigureAwait(false);
                if ((long)newSize >= current.Attr.Size) return new InfoResult(NtStatus.Success, ToInfo(current.Attr));
            }
            var req = new SetAttrRequest { Fields = SetAttrFields.Size, Size = (long)newSize };
            var a = await _fs.SetAttrAsync(file.NodeId, req, file.Handle, _options.Caller, ct).ConfigureAwait(false);
            return new InfoResult(NtStatus.Success, ToInfo(a.Attr));
        }
        catch (Exception ex)
        {
            return new InfoResult(StatusOf(ex, "SetFileSize", file.NodeId), default);
        }
    }
}
