using Microsoft.Extensions.Logging;

namespace GatewayFs.Fs.Windows;

/// <summary>
/// The whole of the Windows adapter's logic, with no native types: one method per WinFsp
/// callback, taking the arguments WinFsp passes (paths, CreateOptions, access masks, FILETIMEs)
/// and answering NTSTATUS plus the data WinFsp wants. The native layer (<c>Native/</c>) only
/// marshals pointers to and from these methods, so this class is what the tests exercise.
/// No method throws: every failure becomes an NTSTATUS.
/// </summary>
internal sealed partial class WinFspOperations
{
    private readonly IFileSystem _fs;
    private readonly PathWalker _walker;
    private readonly WinFspMountOptions _options;
    private readonly ILogger _log;
    private readonly uint _allocationUnit;

    /// <summary>Creates the operations for <paramref name="fs"/>.</summary>
    public WinFspOperations(IFileSystem fs, WinFspMountOptions options)
    {
        _fs = fs;
        _walker = new PathWalker(fs);
        _options = options;
        _log = options.Logger;
        _allocationUnit = options.SectorSize;
    }

    /// <summary>The mounted filesystem.</summary>
    public IFileSystem FileSystem => _fs;

    /// <summary>GetVolumeInfo: sizes from statfs.</summary>
    public async ValueTask<VolumeResult> GetVolumeInfoAsync(CancellationToken ct)
    {
        try
        {
            var s = await _fs.StatFsAsync(PathWalker.RootId, ct).ConfigureAwait(false);
            return new VolumeResult(NtStatus.Success, s.Blocks * s.BlockSize, s.BlocksAvailable * s.BlockSize);
        }
        catch (Exception ex)
        {
            return new VolumeResult(StatusOf(ex, "GetVolumeInfo", "\\"), 0, 0);
        }
    }

    /// <summary>GetSecurityByName: whether the path exists, its attributes, or where a symlink interrupts it.</summary>
    public async ValueTask<SecurityByNameResult> GetSecurityByNameAsync(string path, CancellationToken ct)
    {
        try
        {
            var r = await _walker.ResolveAsync(path, ct).ConfigureAwait(false);
            if (r.Status == NtStatus.Reparse) return new SecurityByNameResult(r.Status, (uint)r.ReparseIndex);
            if (!r.Found) return new SecurityByNameResult(r.Status, 0);
            _walker.Release(r);
            return new SecurityByNameResult(NtStatus.Success, FileInfoMapper.ToAttributes(r.Attr.Mode));
        }
        catch (Exception ex)
        {
            return new SecurityByNameResult(StatusOf(ex, "GetSecurityByName", path), 0);
        }
    }

    /// <summary>GetFileInfo.</summary>
    public async ValueTask<InfoResult> GetFileInfoAsync(WinFile file, CancellationToken ct)
    {
        try
        {
            return new InfoResult(NtStatus.Success, await InfoOfAsync(file, ct).ConfigureAwait(false));
        }
        catch (Exception ex)
        {
            return new InfoResult(StatusOf(ex, "GetFileInfo", file), default);
        }
    }

    private async ValueTask<FspFileInfo> InfoOfAsync(WinFile file, CancellationToken ct)
    {
        var a = await _fs.GetAttrAsync(file.NodeId, FileHandleOf(file), ct).ConfigureAwait(false);
        return ToInfo(a.Attr);
    }

    private FspFileInfo ToInfo(in FileAttr attr) => FileInfoMapper.ToFileInfo(attr, _allocationUnit);

    /// <summary>The handle to pass for fstat-like calls: only regular files have one.</summary>
    private static ulong? FileHandleOf(WinFile file) =>
        file.HasHandle && !file.IsDirectory ? file.Handle : null;

    /// <summary>
    /// The NTSTATUS for a failure. Filesystem errors go through the one table; cancellation is
    /// STATUS_CANCELLED; anything else is a bug, logged and answered with STATUS_IO_DEVICE_ERROR.
    /// </summary>
    private int StatusOf(Exception ex, string op, object subject)
    {
        switch (ex)
        {
            case FsException fe:
                _log.LogDebug("{Op} {Subject}: {Error} ({Message})", op, subject, fe.Error, fe.Message);
                return NtStatusTable.FromError(fe.Error);
            case OperationCanceledException:
                return NtStatus.Cancelled;
            default:
                _log.LogError(ex, "{Op} {Subject} failed unexpectedly; answering STATUS_IO_DEVICE_ERROR", op, subject);
                return NtStatus.IoDeviceError;
        }
    }

    /// <summary>Logs a failure that Windows cannot be told about (Cleanup and Close return nothing).</summary>
    private void LogUnreported(Exception ex, string op, object subject)
    {
        if (ex is FsException fe)
            _log.LogWarning("{Op} {Subject}: {Error} ({Message}); Windows cannot be told", op, subject, fe.Error, fe.Message);
        else
            _log.LogError(ex, "{Op} {Subject} failed unexpectedly; Windows cannot be told", op, subject);
    }
}
