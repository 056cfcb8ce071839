using System.Buffers.Binary;
using System.Text;

namespace GatewayFs.Fs.Windows;

/// <summary>
/// The REPARSE_DATA_BUFFER of a symbolic link, built from a POSIX target. Separators become
/// backslashes; a relative target keeps SYMLINK_FLAG_RELATIVE, an absolute one (<c>/a/b</c>)
/// is reported as <c>\a\b</c>, which WinFsp's resolver reads against the volume root.
/// </summary>
internal static class ReparseData
{
    private const int HeaderSize = 8;       // tag, data length, reserved
    private const int SymlinkFixedSize = 12; // four name offsets/lengths and the flags
    private const uint RelativeFlag = 1;

    /// <summary>Bytes the buffer for <paramref name="target"/> needs.</summary>
    public static int SymlinkSize(string target) => HeaderSize + SymlinkFixedSize + 4 * target.Length;

    /// <summary>Writes the symlink reparse buffer for <paramref name="target"/>; returns the bytes written, or -1 when <paramref name="dest"/> is too small.</summary>
    public static int WriteSymlink(string target, Span<byte> dest)
    {
        string path = target.Replace('/', '\\');
        int size = SymlinkSize(path);
        if (dest.Length < size) return -1;
        int nameBytes = 2 * path.Length;
        BinaryPrimitives.WriteUInt32LittleEndian(dest, WinAttributes.ReparseTagSymlink);
        BinaryPrimitives.WriteUInt16LittleEndian(dest[4..], (ushort)(size - HeaderSize));
        BinaryPrimitives.WriteUInt16LittleEndian(dest[6..], 0);
        // Substitute name first, print name second: the same text.
        BinaryPrimitives.WriteUInt16LittleEndian(dest[8..], 0);
        BinaryPrimitives.WriteUInt16LittleEndian(dest[10..], (ushort)nameBytes);
        BinaryPrimitives.WriteUInt16LittleEndian(dest[12..], (ushort)nameBytes);
        BinaryPrimitives.WriteUInt16LittleEndian(dest[14..], (ushort)nameBytes);
        BinaryPrimitives.WriteUInt32LittleEndian(dest[16..], target.StartsWith('/') ? 0 : RelativeFlag);
        var names = dest[(HeaderSize + SymlinkFixedSize)..];
        Encoding.Unicode.GetBytes(path, names);
        Encoding.Unicode.GetBytes(path, names[nameBytes..]);
        return size;
    }
}
