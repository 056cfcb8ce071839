using System.Text;

namespace GatewayFs.ObjectStore;

/// <summary>
/// Maps object keys to paths under the objects directory, one directory per key segment:
/// segment <c>s</c> of a key becomes directory <c>s#d</c> and the last segment the file
/// <c>s#o</c>, so key <c>a</c> and keys under <c>a/</c> can coexist as in S3. Inside names,
/// <c>%</c>, <c>#</c>, control characters and characters Windows forbids are percent-escaped;
/// '.' and '..' never appear bare because of the suffix.
/// </summary>
internal static class LocalKeyPaths
{
    public const string ObjectSuffix = "#o";
    public const string DirectorySuffix = "#d";
    private const int MaxNameBytes = 255;
    private const string Escaped = "%#\\:*?\"<>|";

    /// <summary>The object file for a key (throws InvalidRequest for a segment too long for a file name).</summary>
    public static string ObjectPath(string objectsRoot, string key)
    {
        string[] segments = key.Split('/');
        var parts = new string[segments.Length + 1];
        parts[0] = objectsRoot;
        for (int i = 0; i < segments.Length; i++)
            parts[i + 1] = Name(segments[i], i == segments.Length - 1 ? ObjectSuffix : DirectorySuffix);
        return Path.Combine(parts);
    }

    /// <summary>The directory holding the keys under <paramref name="keyPrefix"/> (empty or ending in '/').</summary>
    public static string DirectoryPath(string objectsRoot, string keyPrefix)
    {
        if (keyPrefix.Length == 0) return objectsRoot;
        string[] segments = keyPrefix[..^1].Split('/');
        return Path.Combine([objectsRoot, .. segments.Select(s => Name(s, DirectorySuffix))]);
    }

    /// <summary>
    /// What a directory entry contributes to keys: an object's last segment, or a directory's
    /// segment followed by '/'. Null for entries that are not ours (temporary files).
    /// </summary>
    public static string? Token(string fileName)
    {
        if (fileName.EndsWith(ObjectSuffix, StringComparison.Ordinal)) return Unescape(fileName[..^ObjectSuffix.Length]);
        if (fileName.EndsWith(DirectorySuffix, StringComparison.Ordinal)) return Unescape(fileName[..^DirectorySuffix.Length]) + "/";
        return null;
    }

    private static string Name(string segment, string suffix)
    {
        string name = Escape(segment) + suffix;
        if (Encoding.UTF8.GetByteCount(name) > MaxNameBytes)
        {
            throw new ObjectStoreException(ObjectStoreError.InvalidRequest,
                $"key segment '{segment[..Math.Min(40, segment.Length)]}…' is too long for the local store (file names hold 255 bytes); use shorter names between slashes");
        }
        return name;
    }

    public static string Escape(string segment)
    {
        if (!segment.Any(NeedsEscape)) return segment;
        var sb = new StringBuilder(segment.Length + 8);
        foreach (char c in segment)
        {
            if (NeedsEscape(c)) sb.Append('%').Append(((int)c).ToString("X2"));
            else sb.Append(c);
        }
        return sb.ToString();
    }

    public static string Unescape(string name)
    {
        if (!name.Contains('%')) return name;
        var sb = new StringBuilder(name.Length);
        for (int i = 0; i < name.Length; i++)
        {
            if (name[i] == '%' && i + 2 < name.Length &&
                int.TryParse(name.AsSpan(i + 1, 2), System.Globalization.NumberStyles.HexNumber, null, out int code))
            {
                sb.Append((char)code);
                i += 2;
            }
            else
            {
                sb.Append(name[i]);
            }
        }
        return sb.ToString();
    }

    private static bool NeedsEscape(char c) => c < 0x20 || c == 0x7F || Escaped.Contains(c);
}
