namespace GatewayFs.Fs.Windows;

internal sealed partial class WinFspOperations
{
    /// <summary>GetReparsePoint: the target of an open symlink (STATUS_NOT_A_REPARSE_POINT otherwise).</summary>
    public async ValueTask<LinkResult> GetReparsePointAsync(WinFile file, CancellationToken ct)
    {
        try
        {
            if (!file.IsSymlink) return new LinkResult(NtStatus.NotAReparsePoint, null);
            string target = await _fs.ReadLinkAsync(file.NodeId, ct).ConfigureAwait(false);
            return new LinkResult(NtStatus.Success, target);
        }
        catch (Exception ex)
        {
            return new LinkResult(StatusOf(ex, "GetReparsePoint", file.NodeId), null);
        }
    }

    /// <summary>
    /// The target of the symlink at <paramref name="path"/>, for WinFsp's reparse point
    /// resolver; STATUS_NOT_A_REPARSE_POINT when the path names something else.
    /// </summary>
    public async ValueTask<LinkResult> GetReparsePointByNameAsync(string path, CancellationToken ct)
    {
        try
        {
            var r = await _walker.ResolveAsync(path, ct).ConfigureAwait(false);
            if (!r.Found) return new LinkResult(r.Status, null);
            try
            {
                if (!FileModes.IsSymlink(r.Attr.Mode)) return new LinkResult(NtStatus.NotAReparsePoint, null);
                return new LinkResult(NtStatus.Success, await _fs.ReadLinkAsync(r.NodeId, ct).ConfigureAwait(false));
            }
            finally
            {
                _walker.Release(r);
            }
        }
        catch (Exception ex)
        {
            return new LinkResult(StatusOf(ex, "GetReparsePointByName", path), null);
        }
    }
}
