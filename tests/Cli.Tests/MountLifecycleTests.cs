using System.Diagnostics;
using System.Text.Json;
using GatewayFs.TestKit.S3;
using GatewayFs.Tests.Cli.Infrastructure;
using Xunit;

namespace GatewayFs.Tests.Cli;

/// <summary>mount, write, flush, status, unmount: the real executable against s3rver, as a user runs it.</summary>
[Collection(S3rverCollection.Name)]
public sealed class MountLifecycleTests(S3rverFixture s3) : SandboxedTest(s3, "life")
{
    [Fact]
    public async Task Daemon_mount_write_flush_status_unmount()
    {
        var bucket = await S3.CreateBucketAsync();
        var mp = await MountS3Async(bucket, "--write-back-delay", "1h");
        var big = TestData.Bytes(5 << 20, 1);
        File.WriteAllText(Path.Combine(mp, "hello.txt"), "hello gatewayfs\n");
        Directory.CreateDirectory(Path.Combine(mp, "dir"));
        File.WriteAllBytes(Path.Combine(mp, "dir", "big.bin"), big);

        var flush = await Box.RunAsync("flush", mp);
        Assert.True(flush.ExitCode == 0, flush.ToString());
        Assert.Contains("holds everything", flush.Stdout);
        Assert.Equal("hello gatewayfs\n"u8.ToArray(), await Bucket.GetAsync(S3, bucket, "hello.txt"));
        Assert.Equal(big, await Bucket.GetAsync(S3, bucket, "dir/big.bin"));

        var status = await Box.RunAsync("status", "--json");
        Assert.True(status.ExitCode == 0, status.ToString());
        using (var doc = JsonDocument.Parse(status.Stdout))
        {
            var m = Assert.Single(doc.RootElement.EnumerateArray());
            Assert.Equal(mp, m.GetProperty("mountpoint").GetString());
            Assert.Equal("mounted", m.GetProperty("state").GetString());
            Assert.Equal(bucket, m.GetProperty("bucket").GetString());
            var v = m.GetProperty("volume");
            Assert.Equal("cached", v.GetProperty("kind").GetString());
            Assert.Equal(0, v.GetProperty("dirtyBytes").GetInt64());
            Assert.True(v.GetProperty("storeReachable").GetBoolean());
            Assert.True(v.GetProperty("cloudBytesUploaded").GetInt64() >= big.Length);
            Assert.True(v.GetProperty("cacheSizeBytes").GetInt64() > 0);
        }
        var text = await Box.RunAsync("status", mp);
        Assert.Contains("hit rate", text.Stdout);
        Assert.Contains(bucket, text.Stdout);

        var pid = Assert.Single(Box.RegisteredPids());
        var down = await Box.RunAsync("unmount", mp);
        Assert.True(down.ExitCode == 0, down.ToString());
        Assert.Contains("the object store holds everything", down.Stdout);
        Assertions.NothingLeft(Box, mp);
        Assert.False(Processes.Exists(pid), "the daemon exited");
        var none = await Box.RunAsync("status");
        Assert.Contains("no gatewayfs mounts are running", none.Stdout);
    }

    [Fact]
    public async Task Unmount_uploads_what_is_still_pending()
    {
        var bucket = await S3.CreateBucketAsync();
        var mp = await MountS3Async(bucket, "--write-back-delay", "1h");
        var data = TestData.Bytes(3 << 20, 2);
        File.WriteAllBytes(Path.Combine(mp, "late.bin"), data);
        Assert.Null(await Bucket.GetAsync(S3, bucket, "late.bin"));

        var down = await Box.RunAsync("unmount", mp);
        Assert.True(down.ExitCode == 0, down.ToString());
        Assert.Equal(data, await Bucket.GetAsync(S3, bucket, "late.bin"));
        Assertions.NothingLeft(Box, mp);
    }

    [Fact]
    public async Task Unmount_on_a_terminal_shows_a_progress_bar()
    {
        var bucket = await S3.CreateBucketAsync();
        var mp = await MountS3Async(bucket, "--write-back-delay", "1h");
        File.WriteAllBytes(Path.Combine(mp, "bar.bin"), TestData.Bytes(16 << 20, 4));
        // script(1) gives the command a pseudo-terminal, as a user's shell would.
        var command = $"TERM=xterm {Gatewayfs.Executable} unmount {mp}";
        var r = await Gatewayfs.RunProgramAsync("script", ["-qec", command, "/dev/null"], Box.Environment);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("uploading", r.Stdout);
        Assert.Contains("100%", r.Stdout);
        Assert.Contains("\u001b[", r.Stdout); // ANSI drawing, not plain lines
        Assert.Contains("the object store holds everything", r.Stdout);
        Assertions.NothingLeft(Box, mp);
    }

    [Fact]
    public async Task Foreground_mount_stays_attached_and_ends_with_unmount()
    {
        var bucket = await S3.CreateBucketAsync();
        var mp = Box.Dir("mnt");
        var cache = Box.Dir("cache");
        var fg = Box.Start(["mount", mp, .. MountSandbox.S3Args(S3, bucket, cache), "--foreground"]);
        var stderr = fg.StandardError.ReadToEndAsync();
        Assert.True(await Mounts.WaitAsync(mp, mounted: true, TimeSpan.FromSeconds(60)), "foreground mount did not come up");
        File.WriteAllText(Path.Combine(mp, "fg.txt"), "foreground");

        var down = await Box.RunAsync("unmount", mp);
        Assert.True(down.ExitCode == 0, down.ToString());
        Assert.True(fg.WaitForExit(30_000), "the foreground process ended");
        Assert.Equal(0, fg.ExitCode);
        Assert.Contains("mounted " + mp, await stderr); // foreground logs to stderr
        Assert.Equal("foreground"u8.ToArray(), await Bucket.GetAsync(S3, bucket, "fg.txt"));
        Assert.Contains("mounted " + mp, File.ReadAllText(Path.Combine(cache, "gatewayfs.log")));
    }

    [Fact]
    public async Task Sigterm_unmounts_uploads_and_exits()
    {
        var bucket = await S3.CreateBucketAsync();
        var mp = Box.Dir("mnt");
        var fg = Box.Start(["mount", mp, .. MountSandbox.S3Args(S3, bucket, Box.Dir("cache")), "--foreground", "--write-back-delay", "1h"]);
        Assert.True(await Mounts.WaitAsync(mp, mounted: true, TimeSpan.FromSeconds(60)), "foreground mount did not come up");
        File.WriteAllText(Path.Combine(mp, "term.txt"), "sigterm");
        Assert.Equal(0, Processes.Signal(fg.Id, "TERM"));
        Assert.True(fg.WaitForExit(60_000), "the daemon ended after SIGTERM");
        Assert.Equal(0, fg.ExitCode);
        Assertions.NothingLeft(Box, mp);
        Assert.Equal("sigterm"u8.ToArray(), await Bucket.GetAsync(S3, bucket, "term.txt"));
    }

    [Fact]
    public async Task Embedded_local_store_keeps_files_across_mounts()
    {
        var mp = Box.Dir("mnt");
        var cache = Box.Dir("cache");
        var up = await Box.RunAsync("mount", mp, "--cache-dir", cache);
        Assert.True(up.ExitCode == 0, up.ToString());
        Assert.Contains("local:", up.Stdout);
        File.WriteAllText(Path.Combine(mp, "kept.txt"), "local");
        Assert.Equal(0, (await Box.RunAsync("unmount", mp)).ExitCode);
        Assert.Equal(0, (await Box.RunAsync("mount", mp, "--cache-dir", cache)).ExitCode);
        Assert.Equal("local", File.ReadAllText(Path.Combine(mp, "kept.txt")));
        Assert.Equal(0, (await Box.RunAsync("unmount", mp)).ExitCode);
        Assert.True(Directory.Exists(Path.Combine(cache, "local-store")));
    }

    [Fact]
    public async Task Dead_daemon_is_reported_and_its_mount_cleared()
    {
        var bucket = await S3.CreateBucketAsync();
        var mp = await MountS3Async(bucket);
        var pid = Assert.Single(Box.RegisteredPids());
        // Kill both unmount watchers first (fusermount3's auto_unmount and the binding's own
        // sh death watch), then the daemon: the mount stays behind, dead.
        var watchers = Processes.Children(pid).Where(c => Processes.Comm(c) is "fusermount3" or "sh").ToList();
        Assert.Equal(2, watchers.Count);
        foreach (var helper in watchers) Processes.Signal(helper, "KILL");
        Processes.Signal(pid, "KILL");
        await Processes.WaitUntilAsync(() => !Processes.Exists(pid));
        Assert.True(Mounts.IsGatewayfs(mp));
        Assert.Throws<IOException>(() => Directory.EnumerateFileSystemEntries(mp).ToList());

        var status = await Box.RunAsync("status", mp);
        Assert.Equal(1, status.ExitCode);
        Assert.Contains("dead", status.Stdout);
        Assert.Contains($"gatewayfs unmount {mp}", status.Stdout);

        var remount = await Box.RunAsync("mount", mp, "--cache-dir", Box.Dir("cache2"));
        Assertions.OneLineFailure(remount, "transport endpoint is not connected", 2);

        var down = await Box.RunAsync("unmount", mp);
        Assert.True(down.ExitCode == 0, down.ToString());
        Assert.Contains("transport endpoint is not connected", down.Stderr);
        Assert.Contains("detached", down.Stderr);
        Assertions.NothingLeft(Box, mp);
        Assert.Empty(Directory.EnumerateFileSystemEntries(mp));
    }

    [Fact]
    public async Task Unmount_of_nothing_says_so()
    {
        var r = await Box.RunAsync("unmount", Box.Dir("empty"));
        Assertions.OneLineFailure(r, "nothing is mounted at", 1);
        r = await Box.RunAsync("flush", Box.Dir("empty2"));
        Assertions.OneLineFailure(r, "no gatewayfs mount at", 1);
    }
}
