using GatewayFs.Fs;

namespace GatewayFs.TestKit.Conformance;

/// <summary>Whole-file helpers over <see cref="IFsSession"/>.</summary>
public static class FsSessionExtensions
{
    /// <summary>Creates or replaces <paramref name="path"/> with <paramref name="data"/>.</summary>
    public static async ValueTask WriteFileAsync(this IFsSession fs, string path, ReadOnlyMemory<byte> data, uint mode = 0x1A4)
    {
        await using var f = await fs.OpenAsync(path, OpenFlags.WriteOnly | OpenFlags.Create | OpenFlags.Truncate, mode);
        await f.WriteAllAsync(data);
    }

    /// <summary>Creates or replaces <paramref name="path"/> with UTF-8 <paramref name="text"/>.</summary>
    public static ValueTask WriteTextAsync(this IFsSession fs, string path, string text) =>
        fs.WriteFileAsync(path, System.Text.Encoding.UTF8.GetBytes(text));

    /// <summary>The whole content of <paramref name="path"/>.</summary>
    public static async ValueTask<byte[]> ReadFileAsync(this IFsSession fs, string path)
    {
        await using var f = await fs.OpenAsync(path, OpenFlags.ReadOnly);
        return await f.ReadToEndAsync();
    }

    /// <summary>The whole content of <paramref name="path"/> as UTF-8 text.</summary>
    public static async ValueTask<string> ReadTextAsync(this IFsSession fs, string path) =>
        System.Text.Encoding.UTF8.GetString(await fs.ReadFileAsync(path));

    /// <summary>Names in a directory without "." and "..", sorted ordinally.</summary>
    public static async ValueTask<List<string>> ListAsync(this IFsSession fs, string path)
    {
        var names = new List<string>();
        await foreach (var name in fs.ReadDirAsync(path))
            if (name is not ("." or "..")) names.Add(name);
        names.Sort(StringComparer.Ordinal);
        return names;
    }

    /// <summary>True when <paramref name="path"/> exists (a dangling symbolic link exists).</summary>
    public static async ValueTask<bool> ExistsAsync(this IFsSession fs, string path)
    {
        try
        {
            await fs.LstatAsync(path);
            return true;
        }
        catch (FsException e) when (e.Error == FsError.NotFound) { return false; }
    }

    /// <summary>Writes all of <paramref name="data"/> at the position, looping over short writes.</summary>
    public static async ValueTask WriteAllAsync(this IFsFile f, ReadOnlyMemory<byte> data)
    {
        while (!data.IsEmpty)
        {
            int n = await f.WriteAsync(data);
            if (n <= 0) throw new IOException($"write returned {n}");
            data = data[n..];
        }
    }

    /// <summary>Reads from the position to the end of the file.</summary>
    public static async ValueTask<byte[]> ReadToEndAsync(this IFsFile f)
    {
        var result = new MemoryStream();
        var buffer = new byte[128 * 1024];
        int n;
        while ((n = await f.ReadAsync(buffer)) > 0) result.Write(buffer, 0, n);
        return result.ToArray();
    }

    /// <summary>Reads exactly <paramref name="count"/> bytes at <paramref name="offset"/> (fewer only at end of file).</summary>
    public static async ValueTask<byte[]> PreadExactAsync(this IFsFile f, long offset, int count)
    {
        var buffer = new byte[count];
        int total = 0;
        while (total < count)
        {
            int n = await f.PreadAsync(offset + total, buffer.AsMemory(total));
            if (n == 0) break;
            total += n;
        }
        return buffer[..total];
    }
}
