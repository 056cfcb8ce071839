namespace GatewayFs.Fs;

/// <summary>Validation of single path components, shared by every filesystem.</summary>
public static class FsNames
{
    /// <summary>
    /// Throws <see cref="FsError.NameTooLong"/> when <paramref name="name"/> is longer than
    /// <paramref name="nameMax"/> bytes of UTF-8, and <see cref="FsError.InvalidArgument"/>
    /// for empty names, ".", ".." and names holding '/' or NUL.
    /// </summary>
    public static void Validate(string name, int nameMax = 255)
    {
        if (name.Length == 0 || name == "." || name == ".." || name.AsSpan().IndexOfAny('/', '\0') >= 0)
            throw new FsException(FsError.InvalidArgument, $"invalid name '{name}'");
        if (System.Text.Encoding.UTF8.GetByteCount(name) > nameMax)
            throw new FsException(FsError.NameTooLong, $"name longer than {nameMax} bytes");
    }
}
