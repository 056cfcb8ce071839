using GatewayFs.Fs;
using Xunit;

namespace GatewayFs.Tests.Fs.Abstractions;

public class ContractTypesTests
{
    [Fact]
    public void SetAttrRequest_reports_exactly_the_fields_set()
    {
        var r = new SetAttrRequest { Fields = SetAttrFields.Mode | SetAttrFields.Size | SetAttrFields.MtimeNow };
        foreach (var f in Enum.GetValues<SetAttrFields>().Where(f => f != SetAttrFields.None))
            Assert.Equal(f is SetAttrFields.Mode or SetAttrFields.Size or SetAttrFields.MtimeNow, r.Has(f));
        Assert.False(default(SetAttrRequest).Has(SetAttrFields.Mode));
    }

    [Fact]
    public void SetAttrFields_are_distinct_bits()
    {
        var values = Enum.GetValues<SetAttrFields>().Where(f => f != SetAttrFields.None).Select(f => (int)f).ToArray();
        Assert.All(values, v => Assert.Equal(1, System.Numerics.BitOperations.PopCount((uint)v)));
        Assert.Equal(values.Length, values.Distinct().Count());
    }

    [Theory]
    [InlineData(OpenFlags.ReadOnly, true, false)]
    [InlineData(OpenFlags.WriteOnly, false, true)]
    [InlineData(OpenFlags.ReadWrite, true, true)]
    [InlineData(OpenFlags.WriteOnly | OpenFlags.Append | OpenFlags.Truncate, false, true)]
    [InlineData(OpenFlags.ReadOnly | OpenFlags.Direct | OpenFlags.Sync, true, false)]
    public void Access_mode_decides_read_and_write(OpenFlags flags, bool canRead, bool canWrite)
    {
        Assert.Equal(canRead, flags.CanRead());
        Assert.Equal(canWrite, flags.CanWrite());
    }

    [Fact]
    public void OpenFlags_access_modes_are_the_POSIX_values()
    {
        // O_RDONLY 0, O_WRONLY 1, O_RDWR 2: adapters copy the low bits through.
        Assert.Equal(0, (int)OpenFlags.ReadOnly);
        Assert.Equal(1, (int)OpenFlags.WriteOnly);
        Assert.Equal(2, (int)OpenFlags.ReadWrite);
        Assert.Equal(3, (int)OpenFlags.AccessMask);
    }

    [Theory]
    [InlineData(0x81A4u, true, false, false)] // -rw-r--r--
    [InlineData(0x41EDu, false, true, false)] // drwxr-xr-x
    [InlineData(0xA1FFu, false, false, true)] // lrwxrwxrwx
    [InlineData(0x11A4u, false, false, false)] // fifo
    [InlineData(0xC1EDu, false, false, false)] // socket
    public void File_types_come_from_the_type_bits(uint mode, bool regular, bool directory, bool symlink)
    {
        Assert.Equal(regular, FileModes.IsRegular(mode));
        Assert.Equal(directory, FileModes.IsDirectory(mode));
        Assert.Equal(symlink, FileModes.IsSymlink(mode));
    }

    [Fact]
    public void FileModes_are_the_st_mode_values()
    {
        Assert.Equal(0xF000u, FileModes.TypeMask);
        Assert.Equal(0xFFFu, FileModes.PermissionMask); // 07777: setuid, setgid, sticky and rwx
        Assert.Equal(0u, FileModes.TypeMask & FileModes.PermissionMask);
        uint[] types = [FileModes.Regular, FileModes.Directory, FileModes.Symlink, FileModes.Fifo, FileModes.CharDevice, FileModes.BlockDevice, FileModes.Socket];
        Assert.Equal(types.Length, types.Distinct().Count());
        Assert.All(types, t => Assert.Equal(t, t & FileModes.TypeMask));
    }

    [Fact]
    public void RenameFlags_are_the_renameat2_values()
    {
        Assert.Equal(1, (int)RenameFlags.NoReplace); // RENAME_NOREPLACE
        Assert.Equal(2, (int)RenameFlags.Exchange);  // RENAME_EXCHANGE
    }

    [Fact]
    public void XattrFlags_are_the_setxattr_values()
    {
        Assert.Equal(1, (int)XattrFlags.Create);  // XATTR_CREATE
        Assert.Equal(2, (int)XattrFlags.Replace); // XATTR_REPLACE
    }

    [Fact]
    public void The_process_caller_is_root_with_umask_022()
    {
        var self = FsCaller.Self;
        Assert.Equal((0u, 0u), (self.Uid, self.Gid));
        Assert.Equal(0x12u, self.Umask);
        Assert.Equal(Environment.ProcessId, self.Pid);
    }

    [Fact]
    public void FsInfo_defaults_suit_a_Linux_mount()
    {
        var info = new FsInfo();
        Assert.Equal(255, info.NameMax);
        Assert.Equal(1 << 20, info.MaxIoSize);
        Assert.False(info.ReadOnly);
        Assert.False(info.WritebackCache);
    }
}
