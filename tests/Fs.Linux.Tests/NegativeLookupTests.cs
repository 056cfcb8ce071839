using GatewayFs.Fs;
using GatewayFs.Tests.Fs.Linux.Support;
using GatewayFs.TestKit.Fuse;
using Xunit;

namespace GatewayFs.Tests.Fs.Linux;

/// <summary>FsInfo.NegativeEntryTimeout lets the kernel remember "not found"; local creates still see through it.</summary>
public class NegativeLookupTests
{
    private static MiniFs WithTimeout(TimeSpan negative) =>
        new(new FsInfo { Name = "neg", Subtype = "neg", NegativeEntryTimeout = negative });

    private static int LookupsOf(MiniFs fs, string name) => fs.Names.Count(n => n == name);

    private static void StatMissing(TempMount m, string name, int times)
    {
        for (int i = 0; i < times; i++) Assert.Equal(2, Posix.Stat(m.PathOf(name))); // ENOENT each time
    }

    [Fact]
    public void Without_a_timeout_every_stat_of_a_missing_name_asks_the_filesystem()
    {
        var fs = new MiniFs();
        using var m = TempMount.Create(fs);
        StatMissing(m, "missing", 5);
        Assert.Equal(5, LookupsOf(fs, "missing"));
    }

    [Fact]
    public void With_a_timeout_the_kernel_asks_once_and_local_creates_still_work()
    {
        var fs = WithTimeout(TimeSpan.FromMinutes(10));
        fs.AddFile("src", MiniFs.Utf8("moved"));
        fs.AddFile("target", MiniFs.Utf8("t"));
        using var m = TempMount.Create(fs);
        string[] names = ["file", "dir", "link", "renamed", "excl", "remote"];
        foreach (var n in names) StatMissing(m, n, 5);
        Assert.All(names, n => Assert.Equal(1, LookupsOf(fs, n)));
        fs.AddFile("remote", MiniFs.Utf8("r")); // as another client of the bucket would
        StatMissing(m, "remote", 1);            // the kernel still remembers it missing

        File.WriteAllText(m.PathOf("file"), "created");
        Assert.Equal(0, Posix.Mkdir(m.PathOf("dir")));
        File.CreateSymbolicLink(m.PathOf("link"), "target");
        File.Move(m.PathOf("src"), m.PathOf("renamed"));
        Assert.Equal(0, Posix.Open(m.PathOf("excl"), Posix.O_CREAT | Posix.O_EXCL | Posix.O_WRONLY));

        Assert.Equal("created", File.ReadAllText(m.PathOf("file")));
        Assert.True(Directory.Exists(m.PathOf("dir")));
        Assert.Equal("t", File.ReadAllText(m.PathOf("link")));
        Assert.Equal("moved", File.ReadAllText(m.PathOf("renamed")));
        Assert.Equal(2, Posix.Stat(m.PathOf("src"))); // the old name of a rename is gone, not stale
        Assert.Equal(0, Posix.Stat(m.PathOf("excl")));
    }

    [Fact]
    public void A_name_created_behind_the_mounts_back_appears_once_the_timeout_has_passed()
    {
        var fs = WithTimeout(TimeSpan.FromSeconds(1));
        using var m = TempMount.Create(fs);
        StatMissing(m, "remote", 1);
        fs.AddFile("remote", MiniFs.Utf8("r"));
        Thread.Sleep(TimeSpan.FromSeconds(2.5));
        Assert.Equal("r", File.ReadAllText(m.PathOf("remote")));
    }
}
