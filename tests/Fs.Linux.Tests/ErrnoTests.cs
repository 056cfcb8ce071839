using GatewayFs.Fs;
using GatewayFs.Tests.Fs.Linux.Support;
using GatewayFs.TestKit.Fuse;
using Xunit;

namespace GatewayFs.Tests.Fs.Linux;

/// <summary>FsException's error is the errno the caller sees; any other exception is EIO; nothing takes the mount down.</summary>
public class ErrnoTests
{
    [Fact]
    public void A_missing_name_is_ENOENT()
    {
        using var m = TempMount.Create(new MiniFs());
        Assert.Equal(2, Posix.Stat(m.PathOf("nope")));
        Assert.Equal(2, Posix.Open(m.PathOf("nope"), Posix.O_RDONLY));
    }

    public static TheoryData<FsError> Errors() => [FsError.AccessDenied, FsError.NotPermitted, FsError.NoSpace, FsError.Stale, FsError.ReadOnly, FsError.TimedOut];

    [Theory]
    [MemberData(nameof(Errors))]
    public void An_FsException_reaches_the_caller_as_its_errno(FsError error)
    {
        var fs = new MiniFs();
        ulong id = fs.AddFile("f", []);
        fs.Fault = (op, node) => op == "open" && node == id ? new FsException(error) : null;
        using var m = TempMount.Create(fs);
        Assert.Equal((int)error, Posix.Open(m.PathOf("f"), Posix.O_RDONLY));
    }

    [Fact]
    public void An_unexpected_exception_is_EIO_and_the_mount_keeps_working()
    {
        var fs = new MiniFs();
        ulong bad = fs.AddFile("bad", []);
        fs.AddFile("good", MiniFs.Utf8("ok"));
        fs.Fault = (op, node) => op == "getattr" && node == bad ? new InvalidOperationException("a bug") : null;
        fs.Timeout = TimeSpan.Zero; // no attribute caching: every stat asks the filesystem
        using var m = TempMount.Create(fs);
        Assert.Equal(5, Posix.Stat(m.PathOf("bad")));
        Assert.Equal(5, Posix.Stat(m.PathOf("bad")));
        Assert.Equal("ok", File.ReadAllText(m.PathOf("good")));
    }

    [Fact]
    public void A_fault_inside_an_async_read_is_EIO()
    {
        var fs = new MiniFs();
        ulong id = fs.AddFile("f", new byte[100]);
        fs.ReadGate = async node =>
        {
            await Task.Yield();
            if (node == id) throw new IOException("backend went away");
        };
        using var m = TempMount.Create(fs);
        var (code, _, stderr) = Run.Program("cat", m.PathOf("f"));
        Assert.NotEqual(0, code);
        Assert.Contains("Input/output error", stderr);
    }

    [Fact]
    public void Directory_errors_come_from_the_filesystem()
    {
        var fs = new MiniFs();
        ulong d = fs.AddDir("d");
        fs.AddFile("inner", [], parent: d);
        fs.AddFile("f", []);
        using var m = TempMount.Create(fs);
        Assert.Equal(39, Posix.Rmdir(m.PathOf("d")));           // ENOTEMPTY
        Assert.Equal(17, Posix.Mkdir(m.PathOf("d")));           // EEXIST
        Assert.Equal(20, Posix.Stat(m.PathOf("f/x")));          // ENOTDIR (the kernel's own check)
        Assert.Equal(95, Posix.Link(m.PathOf("f"), m.PathOf("f2"))); // EOPNOTSUPP: no hard links
        Assert.Equal(17, Posix.Open(m.PathOf("f"), Posix.O_CREAT | Posix.O_EXCL | Posix.O_WRONLY));
    }

    [Fact]
    public void Names_longer_than_255_bytes_are_ENAMETOOLONG()
    {
        using var m = TempMount.Create(new MiniFs());
        Assert.Equal(36, Posix.Mkdir(m.PathOf(new string('a', 256))));
    }
}
