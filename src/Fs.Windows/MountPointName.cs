namespace GatewayFs.Fs.Windows;

/// <summary>
/// Checks and normalizes what the user gave as a mount point: a drive letter (<c>X</c> or
/// <c>X:</c>), <c>*</c> for the next free letter, or a fully qualified directory path that does
/// not exist yet (WinFsp creates it). Platform-neutral, so it is tested on Linux.
/// </summary>
internal static class MountPointName
{
    /// <summary>The mount point for WinFsp (<c>X:</c> or a path), or null for "next free drive letter".</summary>
    /// <exception cref="WinFspMountException">The name is none of the accepted forms.</exception>
    public static string? Normalize(string mountPoint)
    {
        string m = mountPoint.Trim();
        if (m.Length == 0)
            throw new WinFspMountException("the mount point is empty: give a drive letter such as X: or a directory path that does not exist yet");
        if (m == "*") return null;
        if ((m.Length == 1 || (m.Length == 2 && m[1] == ':')) && char.IsAsciiLetter(m[0]))
            return $"{char.ToUpperInvariant(m[0])}:";
        bool qualified = m.Length >= 4 && char.IsAsciiLetter(m[0]) && m[1] == ':' && (m[2] == '\\' || m[2] == '/');
        if (!qualified)
            throw new WinFspMountException($"'{mountPoint}' is not a mount point: give a drive letter such as X:, * for the next free letter, or a full directory path such as C:\\mnt\\bucket");
        if (m.AsSpan(2).IndexOfAny("<>\"|?*:") >= 0)
            throw new WinFspMountException($"'{mountPoint}' holds characters Windows does not allow in a path");
        return m.Replace('/', '\\').TrimEnd('\\');
    }

    /// <summary>True for a drive-letter mount point (as returned by <see cref="Normalize"/>).</summary>
    public static bool IsDriveLetter(string? normalized) => normalized is null || normalized.Length == 2;
}
