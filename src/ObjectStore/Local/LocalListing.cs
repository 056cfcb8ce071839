namespace GatewayFs.ObjectStore;

/// <summary>
/// Walks the object tree in S3 key order. Within a directory, entries sort by what they add
/// to keys (an object's name, a directory's name plus '/'), which makes a depth-first walk
/// produce all keys in global order. Subtrees entirely before the start-after key or outside
/// the prefix are never opened; with the '/' delimiter a whole subtree below the prefix is one
/// common prefix and is not descended into.
/// </summary>
internal static class LocalListing
{
    /// <summary>One listing entry: an object key with its file, or a common prefix (null path).</summary>
    public readonly record struct Entry(string Key, string? ObjectFile)
    {
        public bool IsPrefix => ObjectFile is null;
    }

    public static IEnumerable<Entry> Walk(string objectsRoot, string prefix, string? delimiter, string startAfter)
    {
        IEnumerable<Entry> keys = WalkDirectory(objectsRoot, "", prefix, delimiter == "/", startAfter);
        return delimiter is null or "/" ? keys : GroupByDelimiter(keys, prefix, delimiter, startAfter);
    }

    private static IEnumerable<Entry> WalkDirectory(string directory, string keyPrefix, string prefix, bool slashDelimiter, string startAfter)
    {
        List<(string Key, string Path, bool IsDirectory)> entries;
        try
        {
            entries = Directory.EnumerateFileSystemEntries(directory)
                .Select(path => (Token: LocalKeyPaths.Token(Path.GetFileName(path)), Path: path))
                .Where(e => e.Token is not null)
                .Select(e => (Key: keyPrefix + e.Token, e.Path, IsDirectory: e.Token!.EndsWith('/')))
                .OrderBy(e => e.Key, KeyOrder.Instance)
                .ToList();
        }
        catch (DirectoryNotFoundException)
        {
            yield break; // deleted while we walked: it holds nothing any more
        }

        foreach ((string key, string path, bool isDirectory) in entries)
        {
            if (!isDirectory)
            {
                if (key.StartsWith(prefix, StringComparison.Ordinal) && KeyOrder.Instance.Compare(key, startAfter) > 0)
                    yield return new Entry(key, path);
                continue;
            }
            bool underPrefix = key.StartsWith(prefix, StringComparison.Ordinal);
            if (!underPrefix && !prefix.StartsWith(key, StringComparison.Ordinal)) continue;
            // Every key below starts with 'key'; if startAfter is past them all, skip the subtree.
            if (KeyOrder.Instance.Compare(startAfter, key) > 0 && !startAfter.StartsWith(key, StringComparison.Ordinal)) continue;
            if (slashDelimiter && underPrefix && key.Length > prefix.Length)
            {
                if (KeyOrder.Instance.Compare(key, startAfter) > 0 && HasAnyObject(path)) yield return new Entry(key, null);
                continue;
            }
            foreach (Entry inner in WalkDirectory(path, key, prefix, slashDelimiter, startAfter)) yield return inner;
        }
    }

    /// <summary>Any delimiter other than '/': fold keys into common prefixes as they stream by in order.</summary>
    private static IEnumerable<Entry> GroupByDelimiter(IEnumerable<Entry> keys, string prefix, string delimiter, string startAfter)
    {
        string? lastPrefix = null;
        foreach (Entry entry in keys)
        {
            int at = entry.Key.IndexOf(delimiter, prefix.Length, StringComparison.Ordinal);
            if (at < 0)
            {
                yield return entry;
                continue;
            }
            string common = entry.Key[..(at + delimiter.Length)];
            if (common == lastPrefix || KeyOrder.Instance.Compare(common, startAfter) <= 0) continue;
            lastPrefix = common;
            yield return new Entry(common, null);
        }
    }

    private static bool HasAnyObject(string directory)
    {
        try
        {
            foreach (string path in Directory.EnumerateFileSystemEntries(directory))
            {
                string name = Path.GetFileName(path);
                if (name.EndsWith(LocalKeyPaths.ObjectSuffix, StringComparison.Ordinal)) return true;
                if (name.EndsWith(LocalKeyPaths.DirectorySuffix, StringComparison.Ordinal) && HasAnyObject(path)) return true;
            }
        }
        catch (DirectoryNotFoundException)
        {
            return false; // removed by a concurrent delete
        }
        return false;
    }
}
