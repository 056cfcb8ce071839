using System.Text;

namespace GatewayFs.ObjectStore;

/// <summary>
/// S3's key order: by UTF-8 bytes, which is Unicode code point order. (Ordinal string
/// comparison is UTF-16 order and differs for characters above U+FFFF.)
/// </summary>
public sealed class KeyOrder : IComparer<string>
{
    /// <summary>The one instance.</summary>
    public static KeyOrder Instance { get; } = new();

    /// <inheritdoc />
    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return -1;
        if (y is null) return 1;
        int i = 0, j = 0;
        while (i < x.Length && j < y.Length)
        {
            if (x[i] == y[j] && !char.IsSurrogate(x[i]))
            {
                i++;
                j++;
                continue;
            }
            Rune.DecodeFromUtf16(x.AsSpan(i), out Rune a, out int na);
            Rune.DecodeFromUtf16(y.AsSpan(j), out Rune b, out int nb);
            if (a.Value != b.Value) return a.Value.CompareTo(b.Value);
            i += na;
            j += nb;
        }
        return (x.Length - i).CompareTo(y.Length - j);
    }
}
