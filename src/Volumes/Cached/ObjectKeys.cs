using System.Text;
using GatewayFs.Fs;

namespace GatewayFs.Volumes.Cached;

/// <summary>
/// Maps volume paths to object keys and back. A path is relative and has no leading or
/// trailing '/' ("" is the root); a file is the object <c>prefix + path</c>, a directory the
/// marker <c>prefix + path + "/"</c> or any key below it.
/// </summary>
internal sealed class ObjectKeys
{
    /// <summary>Longest key S3 accepts, in UTF-8 bytes.</summary>
    public const int MaxKeyBytes = 1024;

    /// <summary>Longest name of one path component (Linux NAME_MAX).</summary>
    public const int NameMax = 255;

    public ObjectKeys(string normalizedPrefix, int maxSegmentBytes)
    {
        Prefix = normalizedPrefix;
        NameMaxForStore = Math.Min(NameMax, maxSegmentBytes);
    }

    /// <summary>Longest new name: NAME_MAX, or less when the store cannot hold longer key segments.</summary>
    public int NameMaxForStore { get; }

    /// <summary>"" or "some/prefix/".</summary>
    public string Prefix { get; }

    public static string Join(string dir, string name) => dir.Length == 0 ? name : dir + "/" + name;

    public static string Parent(string path)
    {
        int i = path.LastIndexOf('/');
        return i < 0 ? "" : path[..i];
    }

    public static string Name(string path)
    {
        int i = path.LastIndexOf('/');
        return i < 0 ? path : path[(i + 1)..];
    }

    /// <summary>True when <paramref name="path"/> is <paramref name="dir"/> or lies below it.</summary>
    public static bool IsUnder(string path, string dir) =>
        dir.Length == 0 || path == dir || (path.Length > dir.Length && path[dir.Length] == '/' && path.StartsWith(dir, StringComparison.Ordinal));

    /// <summary>Replaces the leading <paramref name="oldDir"/> of <paramref name="path"/> with <paramref name="newDir"/>.</summary>
    public static string Rebase(string path, string oldDir, string newDir) =>
        path == oldDir ? newDir : Join(newDir, path[(oldDir.Length + 1)..]);

    public string FileKey(string path) => Prefix + path;

    public string DirMarkerKey(string path) => path.Length == 0 ? Prefix : Prefix + path + "/";

    /// <summary>The listing prefix of a directory's children.</summary>
    public string ChildPrefix(string dirPath) => DirMarkerKey(dirPath);

    /// <summary>The path of a key below the prefix, or null when the key is outside it.</summary>
    public string? PathOf(string key) =>
        key.StartsWith(Prefix, StringComparison.Ordinal) ? key[Prefix.Length..].TrimEnd('/') : null;

    /// <summary>
    /// Checks a new name in <paramref name="dirPath"/>: a valid component (EINVAL, ENAMETOOLONG) whose
    /// directory-marker key (the longer of file and marker) fits S3's 1024-byte limit (ENAMETOOLONG).
    /// </summary>
    public void ValidateNew(string dirPath, string name)
    {
        FsNames.Validate(name, NameMax);
        if (Encoding.UTF8.GetByteCount(name) > NameMaxForStore)
            throw new FsException(FsError.NameTooLong, $"name longer than {NameMaxForStore} bytes, the most the object store holds in one key segment");
        ValidateChars(name);
        int bytes = Encoding.UTF8.GetByteCount(DirMarkerKey(Join(dirPath, name)));
        if (bytes > MaxKeyBytes)
            throw new FsException(FsError.NameTooLong, $"object key for '{Join(dirPath, name)}' would be {bytes} bytes; S3 allows {MaxKeyBytes}");
    }

    /// <summary>True when a name found in a listing can be shown as a directory entry.</summary>
    public static bool IsShowable(string name)
    {
        if (name.Length == 0 || name == "." || name == ".." || name.Contains('/') || name.Contains('\0')) return false;
        if (Encoding.UTF8.GetByteCount(name) > NameMax) return false;
        return FirstBadChar(name) < 0;
    }

    private static void ValidateChars(string name)
    {
        int bad = FirstBadChar(name);
        if (bad >= 0)
            throw new FsException(FsError.InvalidArgument,
                $"name '{name.Replace("\n", "\\n")}' holds character U+{(int)name[bad]:X4}, which S3 listings (XML 1.0) cannot carry");
    }

    // Control characters cannot travel in ListObjects' XML; unpaired surrogates are not UTF-8.
    private static int FirstBadChar(string name)
    {
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (c < 0x20 || c == 0x7F) return i;
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < name.Length && char.IsLowSurrogate(name[i + 1])) { i++; continue; }
                return i;
            }
            if (char.IsLowSurrogate(c)) return i;
        }
        return -1;
    }
}
