namespace GatewayFs.Fs.Windows;

/// <summary>One component of a WinFsp file name and where it starts (in UTF-16 chars).</summary>
internal readonly record struct PathComponent(string Name, int Start);

/// <summary>
/// WinFsp hands over volume-relative names such as <c>\dir\file.txt</c>; this splits them into
/// validated components. Repeated separators are tolerated, as WinFsp's own helpers do.
/// </summary>
internal static class WinPath
{
    /// <summary>The components of <paramref name="path"/>; empty for the root.</summary>
    /// <exception cref="FsException">A component is not a valid name (InvalidArgument, NameTooLong).</exception>
    public static List<PathComponent> Split(string path, int nameMax)
    {
        var parts = new List<PathComponent>();
        int i = 0;
        while (i < path.Length)
        {
            if (path[i] == '\\') { i++; continue; }
            int start = i;
            while (i < path.Length && path[i] != '\\') i++;
            string name = path[start..i];
            if (name.Contains(':'))
                throw new FsException(FsError.InvalidArgument, $"'{path}' names a stream; named streams are not supported");
            FsNames.Validate(name, nameMax);
            parts.Add(new PathComponent(name, start));
        }
        return parts;
    }

    /// <summary>The last component of <paramref name="path"/> (for messages and the directory listing of its parent).</summary>
    public static string LeafName(string path)
    {
        string trimmed = path.TrimEnd('\\');
        int slash = trimmed.LastIndexOf('\\');
        return slash < 0 ? trimmed : trimmed[(slash + 1)..];
    }
}
