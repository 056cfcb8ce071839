using System.Runtime.InteropServices;
using GatewayFs.Fs.Windows;
using GatewayFs.Fs.Windows.Native;

namespace GatewayFs.Tests.Fs.Windows;

/// <summary>Sizes and offsets from winfsp/fsctl.h and winfsp/winfsp.h (x64), which the native layer relies on.</summary>
public unsafe class StructLayoutTests
{
    [Fact]
    public void Sizes_match_the_WinFsp_headers()
    {
        Assert.Equal(72, sizeof(FspFileInfo));
        Assert.Equal(72, Marshal.SizeOf<FspFileInfo>());
        Assert.Equal(88, sizeof(FspVolumeInfo));
        Assert.Equal(504, sizeof(FspVolumeParams));
        Assert.Equal(104, sizeof(FspDirInfo));
        Assert.Equal(128, sizeof(FspTransactRsp));
        Assert.Equal(16, sizeof(FspTransactReqHeader));
        Assert.Equal(64 * 8, sizeof(FspFileSystemInterface));
        Assert.Equal(16, sizeof(FspOperationContext));
    }

    [Fact]
    public void Offsets_match_the_WinFsp_headers()
    {
        Assert.Equal(8, (int)Marshal.OffsetOf<FspFileSystemHeader>(nameof(FspFileSystemHeader.UserContext)));
        Assert.Equal(8, (int)Marshal.OffsetOf<FspDirInfo>(nameof(FspDirInfo.FileInfo)));
        Assert.Equal(80, (int)Marshal.OffsetOf<FspDirInfo>(nameof(FspDirInfo.NextOffset)));
        Assert.Equal(8, (int)Marshal.OffsetOf<FspTransactReqHeader>(nameof(FspTransactReqHeader.Hint)));
        Assert.Equal(20, (int)Marshal.OffsetOf<FspTransactRsp>(nameof(FspTransactRsp.Status)));
        Assert.Equal(24, (int)Marshal.OffsetOf<FspTransactRsp>(nameof(FspTransactRsp.WriteFileInfo)));
        Assert.Equal(16, (int)Marshal.OffsetOf<FspVolumeInfo>(nameof(FspVolumeInfo.VolumeLabelLength)));
        Assert.Equal(36, (int)Marshal.OffsetOf<FspVolumeParams>(nameof(FspVolumeParams.Flags)));
        Assert.Equal(40, (int)Marshal.OffsetOf<FspVolumeParams>(nameof(FspVolumeParams.Prefix)));
        Assert.Equal(424, (int)Marshal.OffsetOf<FspVolumeParams>(nameof(FspVolumeParams.FileSystemName)));
        Assert.Equal(456, (int)Marshal.OffsetOf<FspVolumeParams>(nameof(FspVolumeParams.Flags1)));
        Assert.Equal(488, (int)Marshal.OffsetOf<FspVolumeParams>(nameof(FspVolumeParams.Reserved64a)));
        Assert.Equal(56, (int)Marshal.OffsetOf<FspFileInfo>(nameof(FspFileInfo.IndexNumber)));
    }

    [Theory]
    [InlineData(nameof(FspFileSystemInterface.GetVolumeInfo), 0)]
    [InlineData(nameof(FspFileSystemInterface.Create), 3)]
    [InlineData(nameof(FspFileSystemInterface.Cleanup), 6)]
    [InlineData(nameof(FspFileSystemInterface.Read), 8)]
    [InlineData(nameof(FspFileSystemInterface.CanDelete), 14)]
    [InlineData(nameof(FspFileSystemInterface.ReadDirectory), 18)]
    [InlineData(nameof(FspFileSystemInterface.ResolveReparsePoints), 19)]
    [InlineData(nameof(FspFileSystemInterface.GetReparsePoint), 20)]
    [InlineData(nameof(FspFileSystemInterface.SetDelete), 26)]
    [InlineData(nameof(FspFileSystemInterface.Obsolete0), 31)]
    public void Interface_slots_are_in_header_order(string slot, int index) =>
        Assert.Equal(index * 8, (int)Marshal.OffsetOf<FspFileSystemInterface>(slot));
}
