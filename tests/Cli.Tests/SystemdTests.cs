using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using GatewayFs.TestKit.S3;
using GatewayFs.Tests.Cli.Infrastructure;
using Xunit;

namespace GatewayFs.Tests.Cli;

/// <summary>What the systemd unit in contrib/ relies on: a valid unit file and sd_notify from a foreground mount.</summary>
[Collection(S3rverCollection.Name)]
public sealed class SystemdTests(S3rverFixture s3) : SandboxedTest(s3, "systemd")
{
    [Fact]
    public async Task Foreground_mount_notifies_ready_and_stopping()
    {
        var socketPath = Path.Combine(Box.Root, "notify.sock");
        using var notify = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        notify.Bind(new UnixDomainSocketEndPoint(socketPath));
        Box.Environment["NOTIFY_SOCKET"] = socketPath;
        var mp = Box.Dir("mnt");
        var daemon = Box.Start("mount", mp, "--cache-dir", Box.Dir("cache"), "--foreground");

        var ready = await ReceiveAsync(notify);
        Assert.Contains("READY=1", ready);
        Assert.Contains($"MAINPID={daemon.Id}", ready);
        Assert.True(Mounts.IsGatewayfs(mp), "READY=1 comes once the mount is up");

        Assert.Equal(0, (await Box.RunAsync("unmount", mp)).ExitCode);
        Assert.Contains("STOPPING=1", await ReceiveAsync(notify));
        Assert.True(daemon.WaitForExit(30_000));
        Assert.Equal(0, daemon.ExitCode);
    }

    [Fact]
    public async Task Unit_file_verifies()
    {
        var dir = Box.Dir("units");
        var unit = File.ReadAllText(Path.Combine(Gatewayfs.RepoRoot, "contrib", "gatewayfs@.service"))
            .Replace("/usr/local/bin/gatewayfs", Gatewayfs.Executable);
        var instance = Path.Combine(dir, "gatewayfs@mnt-photos.service");
        File.WriteAllText(instance, unit);
        using var p = Process.Start(new ProcessStartInfo("systemd-analyze", ["verify", "--man=no", instance])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = await p.StandardOutput.ReadToEndAsync() + await p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        Assert.True(p.ExitCode == 0 && output.Trim().Length == 0, $"systemd-analyze verify: exit {p.ExitCode}\n{output}");
    }

    private static async Task<string> ReceiveAsync(Socket socket)
    {
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var n = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
        return Encoding.UTF8.GetString(buffer, 0, n);
    }
}
