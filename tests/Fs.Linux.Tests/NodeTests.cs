using GatewayFs.Fs;
using GatewayFs.Tests.Fs.Linux.Support;
using GatewayFs.TestKit.Fuse;
using Xunit;

namespace GatewayFs.Tests.Fs.Linux;

/// <summary>Names, attributes and listings, seen through ordinary programs and syscalls.</summary>
public class NodeTests
{
    [Fact]
    public void Stat_shows_the_attributes_the_filesystem_returned()
    {
        var fs = new MiniFs();
        ulong id = fs.AddFile("hello.txt", MiniFs.Utf8("hello, fuse\n"), mode: 0x1E4 /* 0744 */);
        using var m = TempMount.Create(fs);
        var fields = Run.Ok("stat", "-c", "%s %a %F %h %i", m.PathOf("hello.txt")).Trim();
        Assert.Equal($"12 744 regular file 1 {id}", fields);
        Assert.Equal("hello, fuse\n", File.ReadAllText(m.PathOf("hello.txt")));
    }

    [Fact]
    public void Timestamps_keep_nanoseconds()
    {
        var fs = new MiniFs();
        fs.AddFile("t", []);
        using var m = TempMount.Create(fs);
        Run.Ok("touch", "-m", "-d", "2021-03-04 05:06:07.123456789 UTC", m.PathOf("t"));
        Assert.Equal("1614834367.123456789", Run.Ok("stat", "-c", "%.9Y", m.PathOf("t")).Trim());
    }

    [Fact]
    public void Ls_lists_a_large_directory_with_attributes()
    {
        var fs = new MiniFs();
        ulong dir = fs.AddDir("many");
        for (int i = 0; i < 3000; i++) fs.AddFile($"file-{i:D5}", new byte[i % 7], parent: dir);
        using var m = TempMount.Create(fs);
        var lines = Run.Ok("ls", "-l", "--time-style=+", m.PathOf("many")).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        Assert.Equal(3000, lines.Count);
        Assert.Contains(lines, l => l.EndsWith(" 6  file-00006"));
        var names = Directory.GetFiles(m.PathOf("many")).Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(Enumerable.Range(0, 3000).Select(i => $"file-{i:D5}"), names);
    }

    [Fact]
    public void Files_and_directories_can_be_created_renamed_and_removed()
    {
        var fs = new MiniFs();
        using var m = TempMount.Create(fs);
        Directory.CreateDirectory(m.PathOf("d/e"));
        File.WriteAllText(m.PathOf("d/e/f.txt"), "content");
        Run.Ok("mv", m.PathOf("d/e/f.txt"), m.PathOf("d/g.txt"));
        Run.Ok("ln", "-s", "g.txt", m.PathOf("d/link"));
        Assert.Equal("g.txt", Run.Ok("readlink", m.PathOf("d/link")).Trim());
        Assert.Equal("content", File.ReadAllText(m.PathOf("d/link")));
        Run.Ok("chmod", "600", m.PathOf("d/g.txt"));
        Assert.Equal("600", Run.Ok("stat", "-c", "%a", m.PathOf("d/g.txt")).Trim());
        Run.Ok("truncate", "-s", "3", m.PathOf("d/g.txt"));
        Assert.Equal("con", File.ReadAllText(m.PathOf("d/g.txt")));
        File.Delete(m.PathOf("d/link"));
        File.Delete(m.PathOf("d/g.txt"));
        Directory.Delete(m.PathOf("d/e"));
        Directory.Delete(m.PathOf("d"));
        Assert.Empty(Directory.GetFileSystemEntries(m.Path));
    }

    [Fact]
    public void Mknod_makes_regular_files_and_refuses_fifos()
    {
        var fs = new MiniFs();
        using var m = TempMount.Create(fs);
        Assert.Equal(0, Posix.Mknod(m.PathOf("plain"), (int)(FileModes.Regular | 0x1A4)));
        Assert.True(File.Exists(m.PathOf("plain")));
        Assert.Equal(1, Posix.Mknod(m.PathOf("fifo"), (int)(FileModes.Fifo | 0x1A4))); // EPERM
    }

    [Fact]
    public void Extended_attributes_round_trip()
    {
        var fs = new MiniFs();
        fs.AddFile("x", []);
        using var m = TempMount.Create(fs);
        string path = m.PathOf("x");
        Assert.Equal(0, Posix.SetXattr(path, "user.color", MiniFs.Utf8("blue")));
        Assert.Equal(17, Posix.SetXattr(path, "user.color", MiniFs.Utf8("red"), flags: 1)); // XATTR_CREATE: EEXIST
        Assert.Equal((0, 4L), (Posix.GetXattr(path, "user.color", 0).Errno, Posix.GetXattr(path, "user.color", 0).Size));
        Assert.Equal("blue", System.Text.Encoding.UTF8.GetString(Posix.GetXattr(path, "user.color", 64).Value));
        Assert.Equal(34, Posix.GetXattr(path, "user.color", 2).Errno); // ERANGE
        Assert.Equal(61, Posix.GetXattr(path, "user.none", 64).Errno); // ENODATA
        Assert.Equal(["user.color"], Posix.ListXattr(path).Names);
    }

    [Fact]
    public void Statfs_reports_the_filesystem_numbers()
    {
        var fs = new MiniFs();
        using var m = TempMount.Create(fs);
        var fields = Run.Ok("stat", "-f", "-c", "%S %b %f %l", m.Path).Trim();
        Assert.Equal($"4096 {1 << 20} {1 << 19} 255", fields);
    }
}
