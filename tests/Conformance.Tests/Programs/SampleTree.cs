using GatewayFs.TestKit.Posix;

namespace GatewayFs.Tests.Conformance.Programs;

/// <summary>A small tree with every kind of entry real programs must carry over: sizes, holes, modes, times, links.</summary>
internal static class SampleTree
{
    /// <summary>Fills <paramref name="root"/> (an existing, empty directory).</summary>
    public static void Create(string root)
    {
        Directory.CreateDirectory(Path.Join(root, "a/b/c"));
        Directory.CreateDirectory(Path.Join(root, "empty"));
        File.WriteAllText(Path.Join(root, "a/readme.txt"), "hello\nworld\n");
        File.WriteAllBytes(Path.Join(root, "a/b/one-mib.bin"), TestData.Bytes(1 << 20, seed: 1));
        File.WriteAllBytes(Path.Join(root, "a/b/c/odd.bin"), TestData.Bytes((3 << 20) + 7, seed: 2));
        File.WriteAllBytes(Path.Join(root, "zero-length"), []);
        File.WriteAllText(Path.Join(root, "ünïcödé name.txt"), "unicode");
        File.WriteAllText(Path.Join(root, new string('L', 200)), "long name");
        using (var sparse = File.Create(Path.Join(root, "sparse.img")))
        {
            sparse.SetLength(10 << 20);
            sparse.Position = 5 << 20;
            sparse.Write(TestData.Bytes(4096, seed: 3));
        }
        File.WriteAllText(Path.Join(root, "private"), "secret");
        Chmod(Path.Join(root, "private"), 0x180);
        File.WriteAllText(Path.Join(root, "a/run.sh"), "#!/bin/sh\necho hi\n");
        Chmod(Path.Join(root, "a/run.sh"), 0x1ED);
        File.CreateSymbolicLink(Path.Join(root, "link-to-file"), "a/readme.txt");
        File.CreateSymbolicLink(Path.Join(root, "a/link-to-dir"), "b/c");
        File.CreateSymbolicLink(Path.Join(root, "dangling"), "does/not/exist");

        // Distinct times to the nanosecond, set last so that nothing above disturbs them.
        long t = 1_400_000_000;
        foreach (var path in Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Reverse())
            SetTimes(path, new FsTime(t += 1000, (uint)(t % 1_000_000_000)));
    }

    /// <summary>
    /// One line per entry below <paramref name="root"/>: path, type, mode, size, mtime to the
    /// nanosecond and link target, as <c>find -printf</c> reports them; sorted.
    /// </summary>
    public static async Task<string> DescribeAsync(string root)
    {
        string listing = await TestKit.Conformance.Programs.RunAsync("find", [".", "-mindepth", "1", "-printf", "%P|%y|%m|%s|%T@|%l|%U|%G\\n"], root);
        // A directory's size is the filesystem's own business.
        var lines = listing.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split('|') is var f && f[1] == "d" ? string.Join('|', f[0], f[1], f[2], "-", f[4], f[5], f[6], f[7]) : l)
            .Order(StringComparer.Ordinal);
        return string.Join('\n', lines);
    }

    private static void Chmod(string path, uint mode) => Errno.Check(Libc.Chmod(path, mode), "chmod", path);

    private static unsafe void SetTimes(string path, FsTime t)
    {
        var times = stackalloc Timespec[2];
        times[0] = times[1] = new Timespec { Sec = t.Seconds, Nsec = t.Nanoseconds };
        const int AtSymlinkNoFollow = 0x100;
        Errno.Check(Libc.Utimensat(Libc.AT_FDCWD, path, times, AtSymlinkNoFollow), "utimensat", path);
    }
}
