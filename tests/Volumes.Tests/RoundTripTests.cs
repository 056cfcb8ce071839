using GatewayFs.Fs;
using GatewayFs.Tests.Volumes.Support;
using GatewayFs.TestKit.S3;
using Xunit;

namespace GatewayFs.Tests.Volumes;

[Collection(S3rverCollection.Name)]
public sealed class RoundTripTests : InProcessTestBase
{
    public RoundTripTests(S3rverFixture s3) : base(s3) { }

    [Fact]
    public async Task A_written_file_is_a_plain_object_with_s3fs_metadata()
    {
        byte[] data = Bytes.Random(300_000, 1);
        await Fs.MkdirAsync("dir");
        await Fs.WriteFileAsync("dir/a.bin", data, mode: Convert.ToUInt32("640", 8));
        await V.FlushAsync();

        Assert.Equal(data, await Raw.GetAsync(Prefix + "dir/a.bin"));
        var meta = await Raw.HeadAsync(Prefix + "dir/a.bin");
        Assert.NotNull(meta);
        Assert.Equal((FileModes.Regular | Convert.ToUInt32("640", 8)).ToString(), meta["mode"]);
        Assert.Equal("1000", meta["uid"]);
        Assert.Equal("1000", meta["gid"]);
        var mtime = double.Parse(meta["mtime"], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(mtime, DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 120, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 5);
        Assert.NotNull(await Raw.HeadAsync(Prefix + "dir/"));
    }

    [Fact]
    public async Task Objects_put_directly_show_size_mtime_and_mode_in_each_dialect()
    {
        await Raw.PutAsync(Prefix + "plain", Bytes.Random(10, 1));
        await Raw.PutAsync(Prefix + "s3fs", Bytes.Random(20, 2), new Dictionary<string, string> { ["mode"] = "33261", ["uid"] = "5", ["gid"] = "6", ["mtime"] = "1600000000" });
        await Raw.PutAsync(Prefix + "rclone", Bytes.Random(30, 3), new Dictionary<string, string> { ["mode"] = "100600", ["mtime"] = "1600000000.5" });
        await Raw.PutAsync(Prefix + "aws", Bytes.Random(40, 4), new Dictionary<string, string> { ["file-permissions"] = "0100640", ["file-owner"] = "7", ["file-group"] = "8", ["file-mtime"] = "1600000000123456789ns" });
        // One level only: s3rver's delimiter listing misses implied directories whose objects all lie deeper.
        await Raw.PutAsync(Prefix + "sub/x", Bytes.Random(1, 5));

        var plain = await Fs.StatAsync("plain");
        Assert.Equal(10, plain.Size);
        Assert.Equal(FileModes.Regular | Convert.ToUInt32("644", 8), plain.Mode);
        Assert.InRange(plain.Mtime.Seconds, DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 120, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 5);

        var s3fs = await Fs.StatAsync("s3fs");
        Assert.Equal((20L, 33261u, 5u, 6u, 1600000000L), (s3fs.Size, s3fs.Mode, s3fs.Uid, s3fs.Gid, s3fs.Mtime.Seconds));

        var rclone = await Fs.StatAsync("rclone");
        Assert.Equal((30L, FileModes.Regular | Convert.ToUInt32("600", 8), 1600000000L, 500_000_000u), (rclone.Size, rclone.Mode, rclone.Mtime.Seconds, rclone.Mtime.Nanoseconds));

        var aws = await Fs.StatAsync("aws");
        Assert.Equal((40L, FileModes.Regular | Convert.ToUInt32("640", 8), 7u, 8u, 1600000000L, 123456789u), (aws.Size, aws.Mode, aws.Uid, aws.Gid, aws.Mtime.Seconds, aws.Mtime.Nanoseconds));

        var implied = await Fs.StatAsync("sub");
        Assert.True(FileModes.IsDirectory(implied.Mode));
        Assert.Equal(Bytes.Random(1, 5), await Fs.ReadFileAsync("sub/x"));
    }

    [Fact]
    public async Task After_a_restart_with_an_empty_cache_reads_come_from_the_store()
    {
        byte[] data = Bytes.Random((5 << 20) + 12345, 2);
        await Fs.WriteFileAsync("big", data);
        await V.FlushAsync();
        await RestartAsync(keepCache: false);

        Assert.Equal(data, await Fs.ReadFileAsync("big"));
        Assert.Equal(data[(3 << 20)..((3 << 20) + 100)], await Fs.ReadAtAsync("big", 3 << 20, 100));
        Assert.True(V.Volume.GetStatus().CloudBytesDownloaded >= data.Length);
    }

    [Fact]
    public async Task Truncate_extend_and_sparse_writes_read_back_as_posix_says()
    {
        byte[] data = Bytes.Random(100_000, 3);
        await Fs.WriteFileAsync("f", data);
        await V.FlushAsync();
        await Fs.TruncateAsync("f", 50_000);
        await Fs.TruncateAsync("f", 80_000);
        await Fs.WriteAtAsync("f", 200_000, [1, 2, 3]);
        var expected = new byte[200_003];
        data.AsSpan(0, 50_000).CopyTo(expected);
        expected[200_000] = 1; expected[200_001] = 2; expected[200_002] = 3;
        Assert.Equal(expected, await Fs.ReadFileAsync("f"));
        await V.FlushAsync();
        Assert.Equal(expected, await Raw.GetAsync(Prefix + "f"));
        await RestartAsync(keepCache: false);
        Assert.Equal(expected, await Fs.ReadFileAsync("f"));
    }

    [Fact]
    public async Task Symlinks_are_s3fs_objects()
    {
        await Fs.SymlinkAsync("link", "target/file.txt");
        var e = await Fs.TryLookupAsync("link");
        Assert.True(FileModes.IsSymlink(e!.Value.Attr.Mode));
        Assert.Equal("target/file.txt", await Fs.Fs.ReadLinkAsync(e.Value.NodeId, CancellationToken.None));
        Assert.Equal("target/file.txt"u8.ToArray(), await Raw.GetAsync(Prefix + "link"));
        Assert.Equal((FileModes.Symlink | 0x1FF).ToString(), (await Raw.HeadAsync(Prefix + "link"))!["mode"]);

        await RestartAsync(keepCache: false);
        var again = await Fs.TryLookupAsync("link");
        Assert.True(FileModes.IsSymlink(again!.Value.Attr.Mode));
        Assert.Equal("target/file.txt", await Fs.Fs.ReadLinkAsync(again.Value.NodeId, CancellationToken.None));
    }

    [Fact]
    public async Task Chmod_of_an_uploaded_file_changes_only_its_metadata()
    {
        byte[] data = Bytes.Random(1000, 4);
        await Fs.WriteFileAsync("m", data);
        await V.FlushAsync();
        await Fs.ChmodAsync("m", Convert.ToUInt32("600", 8));
        await V.FlushAsync();
        Assert.Equal((FileModes.Regular | Convert.ToUInt32("600", 8)).ToString(), (await Raw.HeadAsync(Prefix + "m"))!["mode"]);
        Assert.Equal(data, await Raw.GetAsync(Prefix + "m"));
    }

    [Fact]
    public async Task Names_s3_cannot_hold_get_clear_errors_and_hard_links_are_refused()
    {
        await FsDriver.ExpectAsync(FsError.InvalidArgument, () => Fs.WriteFileAsync("bad\u0001name", [1]));
        string deep = "";
        for (int i = 0; i < 5; i++)
        {
            deep += (deep.Length == 0 ? "" : "/") + new string((char)('a' + i), 200);
            await Fs.MkdirAsync(deep);
        }
        await FsDriver.ExpectAsync(FsError.NameTooLong, () => Fs.WriteFileAsync(deep + "/" + new string('x', 30), [1]));
        await Fs.WriteFileAsync("h", [1]);
        ulong node = await Fs.NodeAsync("h");
        await FsDriver.ExpectAsync(FsError.NotSupported, async () => await Fs.Fs.LinkAsync(node, 1, "h2", CancellationToken.None));
    }
}
