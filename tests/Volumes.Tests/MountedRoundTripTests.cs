using GatewayFs.Fs;
using GatewayFs.Tests.Volumes.Support;
using GatewayFs.TestKit.S3;
using Xunit;

namespace GatewayFs.Tests.Volumes;

[Collection(S3rverCollection.Name)]
public sealed class MountedRoundTripTests : MountedTestBase, IAsyncLifetime
{
    public MountedRoundTripTests(S3rverFixture s3) : base(s3) { }

    Task IAsyncLifetime.InitializeAsync() => InitializeAsync();
    Task IAsyncLifetime.DisposeAsync() => DisposeAsync();

    [Fact]
    public async Task Files_written_through_the_mount_are_plain_objects_and_survive_a_remount()
    {
        byte[] data = Bytes.Random((3 << 20) + 777, 11);
        Directory.CreateDirectory(P("docs"));
        await File.WriteAllBytesAsync(P("docs/report.bin"), data);
        File.SetUnixFileMode(P("docs/report.bin"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Assert.Equal(data, await File.ReadAllBytesAsync(P("docs/report.bin")));
        await V.FlushAsync();

        Assert.Equal(data, await Raw.GetAsync(Prefix + "docs/report.bin"));
        Assert.Equal((FileModes.Regular | Convert.ToUInt32("600", 8)).ToString(), (await Raw.HeadAsync(Prefix + "docs/report.bin"))!["mode"]);

        await RemountAsync(keepCache: false);
        Assert.Equal(data, await File.ReadAllBytesAsync(P("docs/report.bin")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(P("docs/report.bin")));
        Assert.Equal(new[] { "report.bin" }, Directory.GetFileSystemEntries(P("docs")).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Objects_put_directly_appear_with_their_size_mtime_and_mode()
    {
        await Raw.PutAsync(Prefix + "direct/plain", Bytes.Random(123, 1));
        await Raw.PutAsync(Prefix + "direct/s3fs", Bytes.Random(456, 2), new Dictionary<string, string> { ["mode"] = "33216", ["mtime"] = "1500000000" });
        await Raw.PutAsync(Prefix + "direct/rclone", Bytes.Random(789, 3), new Dictionary<string, string> { ["mode"] = "100750", ["mtime"] = "1500000001.25" });

        var plain = new FileInfo(P("direct/plain"));
        Assert.Equal(123, plain.Length);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, plain.UnixFileMode);
        var s3fs = new FileInfo(P("direct/s3fs"));
        Assert.Equal((456L, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute), (s3fs.Length, s3fs.UnixFileMode));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1500000000).UtcDateTime, s3fs.LastWriteTimeUtc);
        var rclone = new FileInfo(P("direct/rclone"));
        Assert.Equal(789, rclone.Length);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute, rclone.UnixFileMode);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1500000001250).UtcDateTime, rclone.LastWriteTimeUtc);
        Assert.Equal(Bytes.Random(789, 3), await File.ReadAllBytesAsync(P("direct/rclone")));
    }
}
