using GatewayFs.TestKit.S3;
using Xunit;

namespace GatewayFs.Tests.Cli.Infrastructure;

/// <summary>
/// Base of the test classes that run gatewayfs against the shared s3rver: a fresh
/// <see cref="MountSandbox"/> per test, cleaned up (unmounted, daemons killed) also when it fails.
/// Derived classes carry <c>[Collection(S3rverCollection.Name)]</c>.
/// </summary>
public abstract class SandboxedTest(S3rverFixture s3, string name) : IAsyncLifetime
{
    protected S3rverFixture S3 { get; } = s3;

    protected MountSandbox Box { get; } = new(name);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Box.DisposeAsync();

    /// <summary>Mounts <paramref name="bucket"/> on a new mountpoint in daemon mode and checks that it is up.</summary>
    protected async Task<string> MountS3Async(string bucket, params string[] extra)
    {
        var mp = Box.Dir("mnt");
        var r = await Box.RunAsync(["mount", mp, .. MountSandbox.S3Args(S3, bucket, Box.Dir("cache")), .. extra]);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains($"mounted {mp}", r.Stdout);
        Assert.True(Mounts.IsGatewayfs(mp), "the mount is there when mount returns");
        return mp;
    }
}
