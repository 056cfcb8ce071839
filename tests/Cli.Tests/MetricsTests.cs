using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using GatewayFs.TestKit.S3;
using GatewayFs.Tests.Cli.Infrastructure;
using Xunit;

namespace GatewayFs.Tests.Cli;

[Collection(S3rverCollection.Name)]
public sealed class MetricsTests(S3rverFixture s3) : SandboxedTest(s3, "metrics")
{
    [Fact]
    public async Task Prometheus_endpoint_serves_the_storage_gateway_metrics()
    {
        var bucket = await S3.CreateBucketAsync();
        var port = FreePort();
        var mp = Box.Dir("mnt");
        var up = await Box.RunAsync(["mount", mp, .. MountSandbox.S3Args(S3, bucket, Box.Dir("cache")), "--metrics", $"127.0.0.1:{port}", "--write-back-delay", "1h"]);
        Assert.True(up.ExitCode == 0, up.ToString());
        var data = TestData.Bytes(2 << 20, 3);
        File.WriteAllBytes(Path.Combine(mp, "m.bin"), data);

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var url = $"http://127.0.0.1:{port}/metrics";
        var before = await http.GetStringAsync(url);
        foreach (var name in new[] { "CacheHitPercent", "CachePercentUsed", "CachePercentDirty", "QueuedWrites", "CloudBytesUploaded", "CloudBytesDownloaded", "UploadBytesPerSecond", "DirtyBytes", "S3Reachable" })
            Assert.Matches($"(?m)^gatewayfs_{name}\\{{mountpoint=\"{Regex.Escape(mp)}\"\\}} ", before);
        Assert.Equal(1, Value(before, "S3Reachable"));
        Assert.True(Value(before, "QueuedWrites") >= data.Length, before);

        Assert.Equal(0, (await Box.RunAsync("flush", mp)).ExitCode);
        var after = await http.GetStringAsync(url);
        Assert.Equal(0, Value(after, "QueuedWrites"));
        Assert.True(Value(after, "CloudBytesUploaded") >= data.Length, after);

        Assert.Equal(0, (await Box.RunAsync("unmount", mp)).ExitCode);
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => http.GetStringAsync(url));
    }

    [Fact]
    public async Task Metrics_port_in_use_fails_the_mount_cleanly()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var mp = Box.Dir("mnt");
        var r = await Box.RunAsync("mount", mp, "--cache-dir", Box.Dir("cache"), "--metrics", $"127.0.0.1:{port}");
        Assertions.OneLineFailure(r, $"cannot serve metrics on 127.0.0.1:{port}");
        Assertions.NothingLeft(Box, mp);
    }

    private static double Value(string text, string name)
    {
        var m = Regex.Match(text, $"(?m)^gatewayfs_{name}\\{{[^}}]*\\}} (\\S+)$");
        Assert.True(m.Success, $"gatewayfs_{name} missing in:\n{text}");
        return double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
