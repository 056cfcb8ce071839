using System.Runtime.InteropServices;
using System.Text;
using System.Text.Unicode;

namespace GatewayFs.Fs.Linux.Native;

/// <summary>NUL-terminated UTF-8 conversions for native strings.</summary>
internal static unsafe class Utf8Z
{
    /// <summary>A NUL-terminated UTF-8 copy of <paramref name="s"/>, for paths and options (not hot paths).</summary>
    public static byte[] Encode(string s)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(s) + 1];
        Encoding.UTF8.GetBytes(s, bytes);
        return bytes;
    }

    // The kernel asks for these on every ls -l (security.selinux) and every write
    // (security.capability): hand out one string instead of a new one per request.
    private static readonly (byte[] Utf8, string Name)[] CommonXattrNames =
        [.. new[] { "security.selinux", "security.capability", "system.posix_acl_access", "system.posix_acl_default" }
            .Select(n => (Encoding.UTF8.GetBytes(n), n))];

    /// <summary>Decodes an xattr name, sharing the strings of the names the kernel asks for all the time; null when not UTF-8.</summary>
    public static string? DecodeXattrName(byte* p)
    {
        var bytes = MemoryMarshal.CreateReadOnlySpanFromNullTerminated(p);
        foreach (var (utf8, name) in CommonXattrNames)
            if (bytes.SequenceEqual(utf8)) return name;
        return Strict(bytes);
    }

    /// <summary>
    /// Decodes a name (or a symlink target) from the kernel; null when the bytes are not valid
    /// UTF-8. A lossy decode would hand the filesystem a different name (each bad byte turned
    /// into U+FFFD), so callers refuse such names instead.
    /// </summary>
    public static string? DecodeName(byte* p) => Strict(MemoryMarshal.CreateReadOnlySpanFromNullTerminated(p));

    private static string? Strict(ReadOnlySpan<byte> bytes) => Utf8.IsValid(bytes) ? Encoding.UTF8.GetString(bytes) : null;
}
