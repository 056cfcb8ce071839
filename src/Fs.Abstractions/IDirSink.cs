namespace GatewayFs.Fs;

/// <summary>
/// Receives directory entries for one readdir reply. The filesystem calls <see cref="TryAdd"/>
/// in order until it returns false (the reply buffer is full) or the directory ends.
/// When <see cref="Plus"/> is true and TryAdd returns true, the kernel now holds a
/// reference to the entry's node: the filesystem adds one to that node's lookup count
/// (except for "." and "..").
/// </summary>
public interface IDirSink
{
    /// <summary>True for readdir-plus: entries carry full attributes and count as lookups.</summary>
    bool Plus { get; }

    /// <summary>
    /// Offers one entry. <paramref name="nextOffset"/> is the cookie the next readdir passes
    /// to resume after this entry. Returns false when the entry did not fit.
    /// </summary>
    bool TryAdd(string name, in FsEntry entry, long nextOffset);
}
