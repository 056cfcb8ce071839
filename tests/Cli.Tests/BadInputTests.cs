using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using GatewayFs.TestKit.S3;
using GatewayFs.Tests.Cli.Infrastructure;
using Xunit;

namespace GatewayFs.Tests.Cli;

/// <summary>Every kind of bad input: one line that says what is wrong and what to do, a non-zero exit, nothing mounted.</summary>
[Collection(S3rverCollection.Name)]
public sealed class BadInputTests(S3rverFixture s3) : SandboxedTest(s3, "bad")
{
    private async Task<CliResult> MountFailsAsync(string mountpoint, string expected, int? exitCode, params string[] args)
    {
        var r = await Box.RunAsync(["mount", mountpoint, .. args]);
        Assertions.OneLineFailure(r, expected, exitCode);
        Assertions.NothingLeft(Box, mountpoint);
        return r;
    }

    [Fact]
    public async Task Unreachable_endpoint()
    {
        var mp = Box.Dir("mnt");
        var port = ClosedPort();
        var r = await MountFailsAsync(mp, $"cannot reach http://127.0.0.1:{port}", 1,
            "--endpoint", $"http://127.0.0.1:{port}", "--bucket", "b", "--cache-dir", Box.Dir("cache"));
        Assert.Contains("--endpoint", r.ErrorLines[0]);
    }

    [Fact]
    public async Task Wrong_credentials()
    {
        var bucket = await S3.CreateBucketAsync();
        await using var proxy = FaultProxy.Start(S3.Endpoint);
        proxy.FailAlways(Fault.InvalidAccessKey);
        var mp = Box.Dir("mnt");
        await MountFailsAsync(mp, "rejected the credentials", 1,
            "--endpoint", proxy.Endpoint.ToString(), "--bucket", bucket, "--cache-dir", Box.Dir("cache"));
    }

    [Fact]
    public async Task Missing_bucket()
    {
        var mp = Box.Dir("mnt");
        await MountFailsAsync(mp, "bucket 'no-such-bucket' does not exist", 1,
            MountSandbox.S3Args(S3, "no-such-bucket", Box.Dir("cache")));
    }

    [Fact]
    public async Task Missing_mountpoint() =>
        await MountFailsAsync(Path.Combine(Box.Root, "absent"), "does not exist; create it with: mkdir -p", 2, "--cache-dir", Box.Dir("cache"));

    [Fact]
    public async Task Mountpoint_that_is_a_file()
    {
        var file = Path.Combine(Box.Root, "file");
        File.WriteAllText(file, "x");
        await MountFailsAsync(file, "is a file, not a directory", 2, "--cache-dir", Box.Dir("cache"));
    }

    [Fact]
    public async Task Non_empty_mountpoint()
    {
        var mp = Box.Dir("mnt");
        File.WriteAllText(Path.Combine(mp, "existing"), "x");
        await MountFailsAsync(mp, "is not empty; use an empty directory, or --allow-non-empty", 2, "--cache-dir", Box.Dir("cache"));
    }

    [Fact]
    public async Task Already_mounted_mountpoint()
    {
        var mp = Box.Dir("mnt");
        Run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mp);
        try
        {
            var r = await Box.RunAsync("mount", mp, "--cache-dir", Box.Dir("cache"));
            Assertions.OneLineFailure(r, "is already a mount point (tmpfs", 2);
            Assert.Equal("tmpfs", Mounts.TypeAt(mp));
        }
        finally
        {
            Run("umount", mp);
        }
    }

    [Fact]
    public async Task Cache_directory_in_use()
    {
        var cache = Box.Dir("cache");
        var first = Box.Dir("first");
        var ok = await Box.RunAsync("mount", first, "--cache-dir", cache);
        Assert.True(ok.ExitCode == 0, ok.ToString());
        var pid = Assert.Single(Box.RegisteredPids());
        var second = Box.Dir("second");
        var r = await Box.RunAsync("mount", second, "--cache-dir", cache);
        Assertions.OneLineFailure(r, $"cache directory {cache} is in use by the mount at {first} (pid {pid}); use another --cache-dir or unmount {first}", 2);
        Assert.Null(Mounts.TypeAt(second));
        Assert.True(Mounts.IsGatewayfs(first));
        var down = await Box.RunAsync("unmount", first);
        Assert.True(down.ExitCode == 0, down.ToString());
    }

    [Theory]
    [InlineData("--cache-size", "0", "cache size 0 B from --cache-size is too small")]
    [InlineData("--cache-size", "-5G", "invalid value \"-5G\" for --cache-size")]
    [InlineData("--journal-size", "1000000T", "is larger than the")]
    [InlineData("--journal-size", "lots", "expected a size such as 10G")]
    [InlineData("--write-back-delay", "-1s", "expected a duration")]
    [InlineData("--file-mode", "rwxr-xr-x", "octal permission bits")]
    [InlineData("--endpoint", "S3.example.com", "is not an http(s) URL")]
    [InlineData("-o", "cache_sise=1G", "unknown mount option \"cache_sise\"")]
    public async Task Impossible_values(string flag, string value, string expected) =>
        await MountFailsAsync(Box.Dir("mnt"), expected, 2, flag, value, "--cache-dir", Box.Dir("cache"));

    [Fact]
    public async Task Bad_config_file_and_environment_name_their_source()
    {
        var config = Path.Combine(Box.Root, "gw.json");
        File.WriteAllText(config, """{ "Bukket": "x" }""");
        await MountFailsAsync(Box.Dir("mnt"), "unknown setting \"Bukket\" in config file", 2, "--config", config, "--cache-dir", Box.Dir("cache"));

        Box.Environment["GATEWAYFS_JOURNAL_SIZE"] = "0";
        await MountFailsAsync(Box.Dir("mnt"), "from GATEWAYFS_JOURNAL_SIZE is too small", 2, "--cache-dir", Box.Dir("cache"));
    }

    private static int ClosedPort()
    {
        // Bind and release: nothing listens there afterwards (the kernel does not hand it out again at once).
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    private static void Run(string file, params string[] args)
    {
        using var p = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardError = true })!;
        var err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"{file} {string.Join(' ', args)}: {err}");
    }
}
