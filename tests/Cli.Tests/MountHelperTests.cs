using GatewayFs.TestKit.S3;
using GatewayFs.Tests.Cli.Infrastructure;
using Xunit;

namespace GatewayFs.Tests.Cli;

/// <summary>mount(8), fstab and the contrib helper: the ways a system mounts gatewayfs without typing `gatewayfs mount`.</summary>
[Collection(S3rverCollection.Name)]
public sealed class MountHelperTests(S3rverFixture s3, SystemPathInstall install) : SandboxedTest(s3, "helper"), IClassFixture<SystemPathInstall>
{
    [Fact]
    public async Task Mount_t_fuse_gatewayfs_mounts_and_umount_uploads()
    {
        var bucket = await S3.CreateBucketAsync();
        var mp = Box.Dir("mnt");
        var (type, source) = install.MountTypeAndSource($"{bucket}/sub");
        var r = await Gatewayfs.RunProgramAsync("mount", ["-t", type, source, mp, "-o", $"endpoint={S3.Endpoint},cache_dir={Box.Dir("cache")},write_back_delay=1h"], Box.Environment);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.True(Mounts.IsGatewayfs(mp));
        File.WriteAllText(Path.Combine(mp, "via-mount.txt"), "mount -t");
        var pid = Assert.Single(Box.RegisteredPids());

        // A plain umount (as systemd and fstab users do) ends the daemon after it uploads.
        var down = await Gatewayfs.RunProgramAsync("umount", [mp], Box.Environment);
        Assert.True(down.ExitCode == 0, down.ToString());
        await Processes.WaitUntilAsync(() => !Processes.Exists(pid));
        Assert.Equal("mount -t"u8.ToArray(), await Bucket.GetAsync(S3, bucket, "sub/via-mount.txt"));
        Assertions.NothingLeft(Box, mp);
    }

    [Fact]
    public async Task Fstab_line_mounts()
    {
        var bucket = await S3.CreateBucketAsync();
        var mp = Box.Dir("mnt");
        var fstab = Path.Combine(Box.Root, "fstab");
        var (type, source) = install.MountTypeAndSource($"s3://{bucket}");
        File.WriteAllText(fstab, $"# test fstab\n{source} {mp} {type} defaults,_netdev,nofail,endpoint={S3.Endpoint},cache_dir={Box.Dir("cache")} 0 0\n");
        var r = await Gatewayfs.RunProgramAsync("mount", ["--fstab", fstab, mp], Box.Environment);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.True(Mounts.IsGatewayfs(mp));
        File.WriteAllText(Path.Combine(mp, "fstab.txt"), "fstab");
        var down = await Box.RunAsync("unmount", mp);
        Assert.True(down.ExitCode == 0, down.ToString());
        Assert.Equal("fstab"u8.ToArray(), await Bucket.GetAsync(S3, bucket, "fstab.txt"));
    }

    [Fact]
    public async Task Contrib_helper_passes_source_and_options()
    {
        var mp = Box.Dir("mnt");
        var env = new Dictionary<string, string?>(Box.Environment) { ["GATEWAYFS"] = Gatewayfs.Executable };
        var helper = Path.Combine(Gatewayfs.RepoRoot, "contrib", "mount.fuse.gatewayfs");
        var r = await Gatewayfs.RunProgramAsync(helper, ["local", mp, "-n", "-o", $"rw,cache_dir={Box.Dir("cache")}", "-o", "nonempty"], env);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.True(Mounts.IsGatewayfs(mp));
        Assert.Equal(0, (await Box.RunAsync("unmount", mp)).ExitCode);

        var bad = await Gatewayfs.RunProgramAsync(helper, ["local", mp, "-o", "cache_dir=/tmp/x,colour=blue"], env);
        Assertions.OneLineFailure(bad, "unknown mount option \"colour\"", 2);
    }
}
