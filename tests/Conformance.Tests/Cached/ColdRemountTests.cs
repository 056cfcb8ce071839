using GatewayFs.ObjectStore;

namespace GatewayFs.Tests.Conformance.Cached;

/// <summary>
/// What the conformance suite sets on a cached volume must also come back from the store alone:
/// a second volume over the same bucket with an empty cache and no journal sees the same
/// attributes (docs/SEMANTICS.md, layout in the bucket).
/// </summary>
public class ColdRemountTests
{
    [Fact]
    public async Task Times_modes_owners_links_and_long_names_come_back_from_the_store()
    {
        string root = Directory.CreateTempSubdirectory("gatewayfs-conf-remount-").FullName;
        var atime = new FsTime(1_500_000_000, 123_456_789);
        var preEpoch = new FsTime(-86_400 * 365, 500);
        var future = new FsTime(4_102_444_800, 1);
        var dirTime = new FsTime(1_234_567_890, 42);
        try
        {
            string longDir;
            await using (var fs = await OpenAsync(root))
            {
                longDir = new string('d', (int)(await fs.StatFsAsync("")).NameMax);
                await fs.MkdirAsync("d");
                await fs.WriteTextAsync("d/f", "payload");
                await fs.UtimensAsync("d/f", atime, preEpoch);
                await fs.WriteTextAsync("g", "x");
                await fs.UtimensAsync("g", preEpoch, future);
                await fs.ChmodAsync("g", 0x5A0); // 02640
                await fs.ChownAsync("g", 1234, 5678);
                await fs.SymlinkAsync("d/f", "link");
                await fs.MkdirAsync("shared");
                await fs.ChownAsync("shared", 0, 4242);
                await fs.ChmodAsync("shared", 0x5FF); // 02777
                await fs.MkdirAsync("shared/sub");
                await fs.MkdirAsync(longDir);
                await fs.WriteTextAsync($"{longDir}/inside", "inside");
                await fs.MkdirAsync("tree");
                await fs.MkdirAsync("tree/sub");
                await fs.WriteTextAsync("tree/sub/leaf", "leaf");
                await fs.WriteTextAsync("before", "renamed");
                await fs.SettleAsync();
                // Renames of what is already in the store: server-side copies, then deletes.
                await fs.RenameAsync("before", "after");
                await fs.RenameAsync("tree", "moved");
                await fs.UtimensAsync("d", dirTime, dirTime);
            }
            // What other tools read (s3fs and rclone parse these as decimal numbers): a time
            // before 1970 is the negative decimal, not whole seconds followed by positive nanoseconds.
            await using (var store = new LocalDirectoryObjectStore(root))
            {
                var meta = (await store.HeadAsync("conformance/d/f", CancellationToken.None))!.Metadata.User;
                Assert.Equal("-31535999.9999995", meta["mtime"]);
                Assert.Equal("1500000000.123456789", meta["atime"]);
            }
            await using (var fs = await OpenAsync(root))
            {
                var f = await fs.StatAsync("d/f");
                Assert.Equal((atime, preEpoch), (f.Atime, f.Mtime));
                Assert.Equal("payload", await fs.ReadTextAsync("d/f"));
                var g = await fs.StatAsync("g");
                Assert.Equal((preEpoch, future), (g.Atime, g.Mtime));
                Assert.Equal(0x85A0u, g.Mode); // S_IFREG | 02640
                Assert.Equal((1234u, 5678u), (g.Uid, g.Gid));
                Assert.Equal("d/f", await fs.ReadLinkAsync("link"));
                Assert.Equal(0xA000u, (await fs.LstatAsync("link")).Mode & 0xF000);
                var sub = await fs.StatAsync("shared/sub");
                Assert.Equal(4242u, sub.Gid);
                Assert.NotEqual(0u, sub.Mode & 0x400);
                Assert.Equal("inside", await fs.ReadTextAsync($"{longDir}/inside"));
                Assert.Equal(dirTime, (await fs.StatAsync("d")).Mtime);
                Assert.Equal("renamed", await fs.ReadTextAsync("after"));
                Assert.Equal("leaf", await fs.ReadTextAsync("moved/sub/leaf"));
                Assert.Equal(new[] { "after", "d", "g", "link", "moved", "shared", longDir }.Order(StringComparer.Ordinal), await fs.ListAsync(""));
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>A fresh volume (new cache directory) over the store in <paramref name="root"/>; disposing uploads everything first.</summary>
    private static async Task<IFsSession> OpenAsync(string root)
    {
        var instance = await CachedTargets.OverLocalDirectoryAsync(root);
        return new InProcessSession(instance.FileSystem, "cached-local", CachedTargets.Features, instance.DisposeAsync) { Settle = instance.Settle };
    }
}
