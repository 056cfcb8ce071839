using System.Net.Sockets;
using GatewayFs.TestKit.S3;
using Xunit;

namespace GatewayFs.Tests.ObjectStore;

/// <summary>The fixture other projects rely on: it starts, serves, and leaves nothing behind.
/// In the environment collection because one test changes GATEWAYFS_S3RVER.</summary>
[Collection(EnvironmentCollection.Name)]
public sealed class S3rverFixtureTests
{
    [Fact]
    public async Task Dispose_stops_the_server_and_removes_its_data()
    {
        var fixture = new S3rverFixture();
        try
        {
            await fixture.InitializeAsync();
            string bucket = await fixture.CreateBucketAsync();
            await using (var store = fixture.CreateStore(bucket))
                await store.PutAsync("k", TestData.Bytes(10), GatewayFs.ObjectStore.ObjectMetadata.Empty, CancellationToken.None);
            Assert.True(Directory.Exists(fixture.DataDirectory));
        }
        finally
        {
            string? directory = fixture.DataDirectory;
            await fixture.DisposeAsync();
            Assert.False(directory is not null && Directory.Exists(directory), "data directory left behind");
        }
        using var probe = new TcpClient();
        await Assert.ThrowsAnyAsync<SocketException>(() => probe.ConnectAsync("127.0.0.1", fixture.Port));
    }

    [Fact]
    public void A_wrong_script_path_says_what_to_do()
    {
        string? saved = Environment.GetEnvironmentVariable("GATEWAYFS_S3RVER");
        try
        {
            Environment.SetEnvironmentVariable("GATEWAYFS_S3RVER", "/nonexistent/s3rver.js");
            var e = Assert.Throws<FileNotFoundException>(S3rverFixture.FindScript);
            Assert.Contains("scripts/deps.sh --test", e.Message);
        }
        finally
        {
            Environment.SetEnvironmentVariable("GATEWAYFS_S3RVER", saved);
        }
    }
}
