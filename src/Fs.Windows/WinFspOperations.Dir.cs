namespace GatewayFs.Fs.Windows;

internal sealed partial class WinFspOperations
{
    /// <summary>
    /// ReadDirectory: entries after <paramref name="marker"/> (the last name of the previous
    /// reply; null for the start) that may match <paramref name="pattern"/>. The filesystem
    /// lists by cookie, WinFsp resumes by name: every name handed out remembers the cookie
    /// after it, so a marker seen before resumes directly; an unknown marker rescans from the
    /// start and resumes after that name. The root lists no "." and "..", as on NTFS.
    /// </summary>
    public async ValueTask<int> ReadDirectoryAsync(WinFile file, string? pattern, string? marker, IDirInfoSink sink, CancellationToken ct)
    {
        try
        {
            if (!file.IsDirectory || !file.HasHandle) return NtStatus.NotADirectory;
            long start = 0;
            string? skipThrough = null;
            if (marker is not null)
            {
                lock (file.DirCookies)
                {
                    if (!file.DirCookies.TryGetValue(marker, out start)) skipThrough = marker;
                }
            }
            var listing = new DirListing(this, file, pattern, skipThrough, sink);
            await _fs.ReadDirAsync(file.NodeId, file.Handle, start, listing, ct).ConfigureAwait(false);
            if (!listing.Full) sink.End();
            return NtStatus.Success;
        }
        catch (Exception ex)
        {
            return StatusOf(ex, "ReadDirectory", file.NodeId);
        }
    }

    /// <summary>Translates one readdir pass into DIR_INFO records.</summary>
    private sealed class DirListing(WinFspOperations ops, WinFile dir, string? pattern, string? skipThrough, IDirInfoSink sink) : IDirSink
    {
        private readonly bool _isRoot = dir.NodeId == PathWalker.RootId;
        private string? _skipThrough = skipThrough;

        public bool Full { get; private set; }
        public bool Plus => false;

        public bool TryAdd(string name, in FsEntry entry, long nextOffset)
        {
            if (_skipThrough is not null)
            {
                if (name == _skipThrough) { _skipThrough = null; Remember(name, nextOffset); }
                return true;
            }
            if (_isRoot && name is "." or "..") return true;
            if (WildcardPattern.MayMatch(pattern, name) && !sink.TryAdd(name, ops.ToInfo(entry.Attr)))
            {
                Full = true;
                return false;
            }
            Remember(name, nextOffset);
            return true;
        }

        private void Remember(string name, long nextOffset)
        {
            lock (dir.DirCookies) dir.DirCookies[name] = nextOffset;
        }
    }
}
