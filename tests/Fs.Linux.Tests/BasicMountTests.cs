using GatewayFs.Tests.Fs.Linux.Support;
using GatewayFs.TestKit.Fuse;
using Xunit;

namespace GatewayFs.Tests.Fs.Linux;

public class BasicMountTests
{
    [Fact]
    public void A_mounted_file_reads_back_through_the_kernel()
    {
        var fs = new MiniFs();
        fs.AddFile("hello.txt", MiniFs.Utf8("hello, fuse\n"));
        using var m = TempMount.Create(fs);
        Assert.True(m.IsMounted);
        Assert.Equal("hello, fuse\n", File.ReadAllText(m.PathOf("hello.txt")));
        Assert.Equal(["hello.txt"], Directory.GetFileSystemEntries(m.Path).Select(Path.GetFileName));
    }
}
