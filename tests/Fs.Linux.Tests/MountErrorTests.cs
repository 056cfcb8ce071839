using GatewayFs.Fs.Linux;
using GatewayFs.Tests.Fs.Linux.Support;
using GatewayFs.TestKit.Fuse;
using Xunit;

namespace GatewayFs.Tests.Fs.Linux;

/// <summary>Each way a mount can fail says so in one line, and leaves nothing mounted.</summary>
public sealed class MountErrorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("gatewayfs-mnterr-").FullName;

    public void Dispose()
    {
        if (TempMount.IsMountPoint(_dir)) Run.Program("umount", "-l", _dir);
        Directory.Delete(_dir, recursive: true);
    }

    private static string Fails(Action mount)
    {
        var e = Assert.Throws<FuseMountException>(mount);
        Assert.DoesNotContain('\n', e.Message);
        return e.Message;
    }

    [Fact]
    public void A_missing_mountpoint()
    {
        string path = Path.Combine(_dir, "missing");
        Assert.Contains($"mountpoint {path} does not exist", Fails(() => FuseMount.Mount(new MiniFs(), path)));
    }

    [Fact]
    public void A_file_as_mountpoint()
    {
        string path = Path.Combine(_dir, "file");
        File.WriteAllText(path, "");
        Assert.Contains("is not a directory", Fails(() => FuseMount.Mount(new MiniFs(), path)));
    }

    [Fact]
    public void A_non_empty_mountpoint_unless_allowed()
    {
        File.WriteAllText(Path.Combine(_dir, "existing"), "");
        Assert.Contains("is not empty", Fails(() => FuseMount.Mount(new MiniFs(), _dir)));

        using (FuseMount.Mount(new MiniFs(), _dir, new FuseMountOptions { AllowNonEmpty = true }))
            Assert.Empty(Directory.GetFileSystemEntries(_dir)); // the mount hides the file
        Assert.True(File.Exists(Path.Combine(_dir, "existing")));
    }

    [Fact]
    public void A_busy_mountpoint()
    {
        using var first = FuseMount.Mount(new MiniFs(), _dir);
        Assert.Contains("is busy", Fails(() => FuseMount.Mount(new MiniFs(), _dir)));
    }

    [Fact]
    public async Task A_dead_fuse_mount()
    {
        using (var m = FuseMount.Mount(new MiniFs(), _dir, new FuseMountOptions { AutoUnmount = false }))
        {
            // Abort the connection but leave the mount: what a crashed daemon leaves behind.
            var abort = $"/sys/fs/fuse/connections/{m.MountEntry!.Value.Minor}/abort";
            if (!File.Exists(abort)) Run.Ok("mount", "-t", "fusectl", "fusectl", "/sys/fs/fuse/connections");
            File.WriteAllText(abort, "1");
            await m.Completion.WaitAsync(TimeSpan.FromSeconds(30));
        }
        Assert.Contains("dead FUSE mount", Fails(() => FuseMount.Mount(new MiniFs(), _dir)));
    }

    [Fact]
    public void Missing_libfuse()
    {
        var msg = Fails(() => MountPreflight.Check(_dir, new FuseMountOptions(), library: "libfuse-missing.so.3"));
        Assert.Contains("libfuse3 is not installed", msg);
    }

    [Fact]
    public void Missing_dev_fuse()
    {
        var msg = Fails(() => MountPreflight.Check(_dir, new FuseMountOptions(), device: "/nonexistent/fuse"));
        Assert.Contains("/nonexistent/fuse is missing", msg);
    }

    [Fact]
    public void An_option_libfuse_does_not_know()
    {
        var msg = Fails(() => FuseMount.Mount(new MiniFs(), _dir, new FuseMountOptions { ExtraOptions = ["no_such_option"] }));
        Assert.Contains("no_such_option", msg);
        Assert.False(TempMount.IsMountPoint(_dir));
    }
}
