namespace GatewayFs.Tests.Conformance;

/// <summary>Small things every conformance test uses.</summary>
public static class Helpers
{
    /// <summary>A time well in the past, set with utimens so that a later change is surely newer.</summary>
    public static readonly FsTime Past = new(1_000_000_000, 0);

    /// <summary>
    /// Lets the clock move on before an operation whose ctime must be newer: tmpfs stamps with
    /// a coarse clock (a jiffy), so back-to-back operations may share a timestamp.
    /// </summary>
    public static Task ClockStep() => Task.Delay(25);

    /// <summary>Permission bits of a mode.</summary>
    public static uint Perm(uint mode) => mode & 0xFFF;

    /// <summary>Mode <paramref name="requested"/> after the session's umask.</summary>
    public static uint Masked(IFsSession fs, uint requested) => requested & ~fs.Umask;

    /// <summary>Sets atime and mtime of <paramref name="path"/> to <see cref="Past"/>.</summary>
    public static ValueTask AgeAsync(IFsSession fs, string path) => fs.UtimensAsync(path, Past, Past);

    /// <summary>Asserts equal bytes, naming the first difference (xunit would print megabytes).</summary>
    public static void SameBytes(ReadOnlyMemory<byte> expected, ReadOnlyMemory<byte> actual, string what = "content")
    {
        int at = expected.Span.CommonPrefixLength(actual.Span);
        if (at == expected.Length && at == actual.Length) return;
        Assert.Fail($"{what}: {actual.Length} bytes where {expected.Length} were expected, first difference at offset {at}");
    }

    /// <summary>A name of <paramref name="bytes"/> ASCII bytes.</summary>
    public static string NameOfLength(int bytes) => new('n', bytes);
}
