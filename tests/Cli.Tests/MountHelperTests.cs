using System.Diagnostics;
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
        var r = await RunAsync("mount", ["-t", type, source, mp, "-o", $"endpoint={S3.Endpoint},cache_dir={Box.Dir("cache")},write_back_delay=1h"], Box.Environment);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.True(Mounts.IsGatewayfs(mp));
        File.WriteAllText(Path.Combine(mp, "via-mount.txt"), "mount -t");
        var pid = Assert.Single(Box.RegisteredPids());

        // A plain umount (as systemd and fstab users do) ends the daemon after it uploads.
        var down = await RunAsync("umount", [mp], Box.Environment);
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
        var r = await RunAsync("mount", ["--fstab", fstab, mp], Box.Environment);
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
        var r = await RunAsync(helper, ["local", mp, "-n", "-o", $"rw,cache_dir={Box.Dir("cache")}", "-o", "nonempty"], env);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.True(Mounts.IsGatewayfs(mp));
        Assert.Equal(0, (await Box.RunAsync("unmount", mp)).ExitCode);

        var bad = await RunAsync(helper, ["local", mp, "-o", "cache_dir=/tmp/x,colour=blue"], env);
        Assertions.OneLineFailure(bad, "unknown mount option \"colour\"", 2);
    }

    private static async Task<CliResult> RunAsync(string file, string[] args, IReadOnlyDictionary<string, string?> env)
    {
        var psi = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var key in psi.Environment.Keys.Where(k => k.StartsWith("GATEWAYFS_", StringComparison.Ordinal)).ToList()) psi.Environment.Remove(key);
        foreach (var (k, v) in env)
        {
            if (v is null) psi.Environment.Remove(k);
            else psi.Environment[k] = v;
        }
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await p.WaitForExitAsync(cts.Token);
        return new CliResult(p.ExitCode, await stdout, await stderr);
    }
}
