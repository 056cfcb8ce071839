using System.Text;

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

    /// <summary>Decodes a NUL-terminated UTF-8 string from libfuse.</summary>
    public static string Decode(byte* p) =>
        p == null ? string.Empty : Encoding.UTF8.GetString(p, System.Runtime.InteropServices.MemoryMarshal.CreateReadOnlySpanFromNullTerminated(p).Length);
}
