using GatewayFs.Fs.Windows;
using GatewayFs.Fs.Windows.Native;
using GatewayFs.TestKit.InMemory;

namespace GatewayFs.Tests.Fs.Windows;

public class MountApiTests
{
    [Theory]
    [InlineData("x", "X:")]
    [InlineData("Q:", "Q:")]
    [InlineData(" z: ", "Z:")]
    [InlineData("*", null)]
    [InlineData(@"C:\mnt\bucket\", @"C:\mnt\bucket")]
    [InlineData("D:/data/s3", @"D:\data\s3")]
    public void Mount_points_are_normalized(string given, string? expected) =>
        Assert.Equal(expected, MountPointName.Normalize(given));

    [Theory]
    [InlineData("")]
    [InlineData("mnt")]
    [InlineData("/mnt/bucket")]
    [InlineData("XY:")]
    [InlineData(@"C:\a|b")]
    public void Bad_mount_points_get_a_one_line_message(string given)
    {
        var ex = Assert.Throws<WinFspMountException>(() => MountPointName.Normalize(given));
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void Mounting_off_Windows_says_so()
    {
        if (OperatingSystem.IsWindows()) return; // the Windows run mounts for real elsewhere
        var ex = Assert.Throws<PlatformNotSupportedException>(() => WinFspMount.Mount(new InMemoryFileSystem(), "X:"));
        Assert.Contains("Windows", ex.Message);
    }

    [Fact]
    public unsafe void Volume_parameters_describe_a_case_sensitive_reparse_capable_volume()
    {
        var p = VolumeParamsBuilder.Build(new InMemoryFileSystem().Info, new WinFspMountOptions(), new GatewayFs.Fs.FsTime(1_700_000_000, 0));
        Assert.Equal(504, p.Version);
        Assert.Equal(255, p.MaxComponentLength);
        Assert.Equal(1000u, p.FileInfoTimeout);
        uint must = VolumeFlags.CaseSensitiveSearch | VolumeFlags.CasePreservedNames | VolumeFlags.UnicodeOnDisk
            | VolumeFlags.ReparsePoints | VolumeFlags.UmFileContextIsUserContext2 | VolumeFlags.PostCleanupWhenModifiedOnly;
        Assert.Equal(must, p.Flags & must);
        Assert.Equal(0u, p.Flags & VolumeFlags.ReadOnlyVolume);
        Assert.Equal("gatewayfs", new string(p.FileSystemName));
        Assert.Throws<WinFspMountException>(() =>
            VolumeParamsBuilder.Build(new InMemoryFileSystem().Info, new WinFspMountOptions { FileSystemName = "much-too-long-a-name" }, default));
    }
}
