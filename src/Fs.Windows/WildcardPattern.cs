namespace GatewayFs.Fs.Windows;

/// <summary>
/// A conservative pre-filter for ReadDirectory patterns. WinFsp always applies the exact DOS
/// matching itself, so this only has to never drop a name the real match would keep: it
/// handles <c>*</c> and <c>?</c> case-insensitively and lets everything through for patterns
/// with the DOS wildcards <c>&lt; &gt; "</c>.
/// </summary>
internal static class WildcardPattern
{
    /// <summary>True when <paramref name="name"/> may match <paramref name="pattern"/>.</summary>
    public static bool MayMatch(string? pattern, string name)
    {
        if (string.IsNullOrEmpty(pattern) || pattern == "*") return true;
        if (pattern.AsSpan().IndexOfAny('<', '>', '"') >= 0) return true;
        return Match(pattern.AsSpan(), name.AsSpan());
    }

    private static bool Match(ReadOnlySpan<char> p, ReadOnlySpan<char> s)
    {
        // Iterative glob with single-star backtracking: linear in practice, no recursion.
        int pi = 0, si = 0, star = -1, mark = 0;
        while (si < s.Length)
        {
            if (pi < p.Length && (p[pi] == '?' || char.ToUpperInvariant(p[pi]) == char.ToUpperInvariant(s[si])))
            {
                pi++; si++;
            }
            else if (pi < p.Length && p[pi] == '*')
            {
                star = pi++; mark = si;
            }
            else if (star >= 0)
            {
                pi = star + 1; si = ++mark;
            }
            else return false;
        }
        while (pi < p.Length && p[pi] == '*') pi++;
        return pi == p.Length;
    }
}
