using System.Buffers.Binary;
using System.Text;
using GatewayFs.Fs.Windows;

namespace GatewayFs.Tests.Fs.Windows;

public class BinaryFormatTests
{
    [Fact]
    public void Sid_strings_become_their_binary_form()
    {
        Assert.Equal(new byte[] { 1, 1, 0, 0, 0, 0, 0, 5, 18, 0, 0, 0 }, SecurityDescriptors.Sid("S-1-5-18"));
        Assert.Equal(new byte[] { 1, 2, 0, 0, 0, 0, 0, 5, 32, 0, 0, 0, 0x20, 0x02, 0, 0 }, SecurityDescriptors.Sid("S-1-5-32-544"));
        Assert.Throws<ArgumentException>(() => SecurityDescriptors.Sid("X-1-5"));
    }

    [Fact]
    public void Default_descriptor_is_self_relative_with_three_full_access_aces()
    {
        byte[] sd = SecurityDescriptors.Default;
        Assert.Equal(1, sd[0]);
        ushort control = BinaryPrimitives.ReadUInt16LittleEndian(sd.AsSpan(2));
        Assert.Equal(0x9004, control); // SELF_RELATIVE | DACL_PROTECTED | DACL_PRESENT
        int daclAt = BinaryPrimitives.ReadInt32LittleEndian(sd.AsSpan(16));
        Assert.Equal(sd.Length - daclAt, BinaryPrimitives.ReadUInt16LittleEndian(sd.AsSpan(daclAt + 2)));
        Assert.Equal(3, BinaryPrimitives.ReadUInt16LittleEndian(sd.AsSpan(daclAt + 4)));

        int at = daclAt + 8;
        foreach (string sid in new[] { SecurityDescriptors.LocalSystem, SecurityDescriptors.Administrators, SecurityDescriptors.Everyone })
        {
            byte[] expected = SecurityDescriptors.Sid(sid);
            Assert.Equal(0, sd[at]);     // ACCESS_ALLOWED_ACE_TYPE
            Assert.Equal(3, sd[at + 1]); // OBJECT_INHERIT | CONTAINER_INHERIT
            Assert.Equal(8 + expected.Length, BinaryPrimitives.ReadUInt16LittleEndian(sd.AsSpan(at + 2)));
            Assert.Equal(0x1F01FFu, BinaryPrimitives.ReadUInt32LittleEndian(sd.AsSpan(at + 4)));
            Assert.Equal(expected, sd[(at + 8)..(at + 8 + expected.Length)]);
            at += 8 + expected.Length;
        }
        Assert.Equal(sd.Length, at);
        int ownerAt = BinaryPrimitives.ReadInt32LittleEndian(sd.AsSpan(4));
        Assert.Equal(SecurityDescriptors.Sid(SecurityDescriptors.Administrators), sd[ownerAt..(ownerAt + 16)]);
    }

    [Fact]
    public void Symlink_reparse_buffer_holds_target_twice_with_relative_flag()
    {
        var buf = new byte[ReparseData.SymlinkSize("dir/file")];
        int n = ReparseData.WriteSymlink("dir/file", buf);
        Assert.Equal(buf.Length, n);
        Assert.Equal(0xA000000Cu, BinaryPrimitives.ReadUInt32LittleEndian(buf));
        Assert.Equal(n - 8, BinaryPrimitives.ReadUInt16LittleEndian(buf.AsSpan(4)));
        int subLen = BinaryPrimitives.ReadUInt16LittleEndian(buf.AsSpan(10));
        int printOff = BinaryPrimitives.ReadUInt16LittleEndian(buf.AsSpan(12));
        Assert.Equal(1u, BinaryPrimitives.ReadUInt32LittleEndian(buf.AsSpan(16)));
        Assert.Equal("dir\\file", Encoding.Unicode.GetString(buf, 20, subLen));
        Assert.Equal("dir\\file", Encoding.Unicode.GetString(buf, 20 + printOff, subLen));

        var abs = new byte[ReparseData.SymlinkSize("/x")];
        ReparseData.WriteSymlink("/x", abs);
        Assert.Equal(0u, BinaryPrimitives.ReadUInt32LittleEndian(abs.AsSpan(16)));
        Assert.Equal(-1, ReparseData.WriteSymlink("dir/file", new byte[10]));
    }
}
