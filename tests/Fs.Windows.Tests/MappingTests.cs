using GatewayFs.Fs;
using GatewayFs.Fs.Windows;

namespace GatewayFs.Tests.Fs.Windows;

public class MappingTests
{
    [Fact]
    public void Unix_epoch_is_the_known_FILETIME_and_round_trips()
    {
        Assert.Equal(116_444_736_000_000_000ul, FileTimes.ToFileTime(new FsTime(0, 0)));
        var t = new FsTime(1_700_000_000, 123_456_700);
        Assert.Equal(t, FileTimes.FromFileTime(FileTimes.ToFileTime(t)));
        Assert.Equal(0ul, FileTimes.ToFileTime(new FsTime(-FileTimes.EpochDifferenceSeconds - 5, 0)));
    }

    [Theory]
    [InlineData(0x41EDu, 0x10u)]        // drwxr-xr-x -> DIRECTORY
    [InlineData(0x416Du, 0x10u)]        // dr-xr-xr-x -> still only DIRECTORY
    [InlineData(0x81A4u, 0x80u)]        // -rw-r--r-- -> NORMAL
    [InlineData(0x8124u, 0x01u)]        // -r--r--r-- -> READONLY
    [InlineData(0xA1FFu, 0x400u)]       // lrwxrwxrwx -> REPARSE_POINT
    public void Attributes_follow_type_and_write_bits(uint mode, uint expected) =>
        Assert.Equal(expected, FileInfoMapper.ToAttributes(mode));

    [Fact]
    public void File_info_carries_sizes_times_index_and_symlink_tag()
    {
        var attr = new FileAttr
        {
            Ino = 42, Size = 5000, Mode = 0xA1FF,
            Atime = new FsTime(100, 0), Mtime = new FsTime(200, 0), Ctime = new FsTime(150, 0),
        };
        var info = FileInfoMapper.ToFileInfo(attr, 4096);
        Assert.Equal(0xA000000Cu, info.ReparseTag);
        Assert.Equal(5000ul, info.FileSize);
        Assert.Equal(8192ul, info.AllocationSize);
        Assert.Equal(42ul, info.IndexNumber);
        Assert.Equal(FileTimes.ToFileTime(new FsTime(200, 0)), info.LastWriteTime);
        Assert.Equal(FileTimes.ToFileTime(new FsTime(100, 0)), info.LastAccessTime);
        Assert.Equal(FileTimes.ToFileTime(new FsTime(150, 0)), info.ChangeTime);
        Assert.Equal(info.ChangeTime, info.CreationTime); // the older of mtime and ctime
    }

    [Fact]
    public void Readonly_attribute_changes_write_bits_only_when_it_flips()
    {
        Assert.Equal(0x124u, FileInfoMapper.ModeForAttributes(0x81B6, 0x01, 0x12)); // 0666 -> 0444
        Assert.Equal(0x1A4u, FileInfoMapper.ModeForAttributes(0x8124, 0x80, 0x12)); // 0444 -> 0644 with umask 022
        Assert.Null(FileInfoMapper.ModeForAttributes(0x81A4, 0x80, 0x12));          // already writable
        Assert.Null(FileInfoMapper.ModeForAttributes(0x81A4, 0xFFFFFFFF, 0x12));    // INVALID_FILE_ATTRIBUTES
        Assert.Null(FileInfoMapper.ModeForAttributes(0x41ED, 0x01, 0x12));          // never on directories
    }

    [Theory]
    [InlineData(0u, 0x1u, OpenFlags.ReadOnly)]
    [InlineData(0u, 0x2u, OpenFlags.WriteOnly)]
    [InlineData(0u, 0x3u, OpenFlags.ReadWrite)]
    [InlineData(0u, 0x5u, OpenFlags.ReadWrite | OpenFlags.Append)]
    [InlineData(0u, 0x4u, OpenFlags.WriteOnly | OpenFlags.Append)]
    [InlineData(0u, 0x80u, OpenFlags.ReadOnly)] // FILE_READ_ATTRIBUTES only
    [InlineData(0x2u, 0x3u, OpenFlags.ReadWrite | OpenFlags.Sync)]
    [InlineData(0x8u, 0x1u, OpenFlags.ReadOnly | OpenFlags.Direct)]
    public void Granted_access_and_options_become_open_flags(uint createOptions, uint granted, OpenFlags expected) =>
        Assert.Equal(expected, AccessMapper.ToOpenFlags(createOptions, granted));

    [Fact]
    public void ReplaceIfExists_decides_no_replace()
    {
        Assert.Equal(RenameFlags.None, AccessMapper.ToRenameFlags(true));
        Assert.Equal(RenameFlags.NoReplace, AccessMapper.ToRenameFlags(false));
    }

    [Theory]
    [InlineData(null, "a.txt", true)]
    [InlineData("*", "a.txt", true)]
    [InlineData("*.TXT", "a.txt", true)]
    [InlineData("*.txt", "a.log", false)]
    [InlineData("a?c", "abc", true)]
    [InlineData("a?c", "abbc", false)]
    [InlineData("*b*", "abc", true)]
    [InlineData("exact", "exact", true)]
    [InlineData("exact", "exactly", false)]
    [InlineData("<.txt", "anything", true)] // DOS wildcards: leave the decision to WinFsp
    public void Pattern_prefilter_never_drops_a_match(string? pattern, string name, bool expected) =>
        Assert.Equal(expected, WildcardPattern.MayMatch(pattern, name));
}
