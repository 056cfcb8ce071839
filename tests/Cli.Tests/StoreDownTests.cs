using GatewayFs.TestKit.S3;
using GatewayFs.Tests.Cli.Infrastructure;
using Xunit;

namespace GatewayFs.Tests.Cli;

/// <summary>unmount and flush when the object store cannot be reached, through a fault proxy in front of s3rver.</summary>
[Collection(S3rverCollection.Name)]
public sealed class StoreDownTests(S3rverFixture s3) : SandboxedTest(s3, "down")
{
    [Fact]
    public async Task Unmount_refuses_while_the_store_is_down_force_unmounts_and_the_next_mount_uploads()
    {
        var bucket = await S3.CreateBucketAsync();
        await using var proxy = FaultProxy.Start(S3.Endpoint);
        var mp = Box.Dir("mnt");
        var cache = Box.Dir("cache");
        string[] mountArgs = ["mount", mp, "--endpoint", proxy.Endpoint.ToString(), "--bucket", bucket, "--cache-dir", cache, "--write-back-delay", "1h"];
        var up = await Box.RunAsync(mountArgs);
        Assert.True(up.ExitCode == 0, up.ToString());
        var data = TestData.Bytes(1 << 20, 7);
        File.WriteAllBytes(Path.Combine(mp, "pending.bin"), data);

        proxy.FailAlways(Fault.Reset);
        var flush = await Box.RunAsync("flush", mp, "--timeout", "2s");
        Assertions.OneLineFailure(flush, "stay in the journal", 1);

        var refused = await Box.RunAsync("unmount", mp, "--timeout", "2s");
        Assertions.OneLineFailure(refused, "stays mounted", 1);
        Assert.Contains("--force", refused.ErrorLines[0]);
        Assert.True(Mounts.IsGatewayfs(mp), "still mounted after a refused unmount");
        Assert.Equal(data, File.ReadAllBytes(Path.Combine(mp, "pending.bin")));

        var forced = await Box.RunAsync("unmount", mp, "--force", "--timeout", "1s");
        Assert.True(forced.ExitCode == 0, forced.ToString());
        Assert.Contains("stay in the journal", forced.Stdout);
        Assertions.NothingLeft(Box, mp);
        Assert.Null(await Bucket.GetAsync(S3, bucket, "pending.bin"));

        proxy.Clear();
        var again = await Box.RunAsync(mountArgs);
        Assert.True(again.ExitCode == 0, again.ToString());
        var flushed = await Box.RunAsync("flush", mp);
        Assert.True(flushed.ExitCode == 0, flushed.ToString());
        Assert.Equal(data, await Bucket.GetAsync(S3, bucket, "pending.bin"));
        Assert.Equal(0, (await Box.RunAsync("unmount", mp)).ExitCode);
    }

    [Fact]
    public async Task Busy_mountpoint_is_not_unmounted_without_force()
    {
        var bucket = await S3.CreateBucketAsync();
        var mp = Box.Dir("mnt");
        Assert.Equal(0, (await Box.RunAsync(["mount", mp, .. MountSandbox.S3Args(S3, bucket, Box.Dir("cache"))])).ExitCode);
        var open = new FileStream(Path.Combine(mp, "open.txt"), FileMode.Create);
        try
        {
            var busy = await Box.RunAsync("unmount", mp);
            Assertions.OneLineFailure(busy, "is busy", 1);
            Assert.True(Mounts.IsGatewayfs(mp));
        }
        finally
        {
            open.Dispose();
        }
        var down = await Box.RunAsync("unmount", mp);
        Assert.True(down.ExitCode == 0, down.ToString());
        Assertions.NothingLeft(Box, mp);
    }
}
