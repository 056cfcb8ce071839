using GatewayFs.Fs;
using GatewayFs.Fs.Linux.Native;
using GatewayFs.Tests.Fs.Linux.Support;
using GatewayFs.TestKit.Fuse;
using Xunit;

namespace GatewayFs.Tests.Fs.Linux;

/// <summary>What the filesystem says about caching, sizes and modes reaches the kernel.</summary>
public class KernelHintTests
{
    private static void ReadTwice(TempMount m, string name)
    {
        File.ReadAllBytes(m.PathOf(name));
        File.ReadAllBytes(m.PathOf(name));
    }

    [Fact]
    public void Keep_cache_lets_a_second_open_read_from_the_page_cache()
    {
        var fs = new MiniFs { KeepCache = true };
        fs.AddFile("f", new byte[64 * 1024]);
        using var m = TempMount.Create(fs);
        ReadTwice(m, "f");
        Assert.Equal(1, fs.Reads);
    }

    [Fact]
    public void Without_keep_cache_each_open_reads_again()
    {
        var fs = new MiniFs { KeepCache = false };
        fs.AddFile("f", new byte[64 * 1024]);
        using var m = TempMount.Create(fs);
        ReadTwice(m, "f");
        Assert.Equal(2, fs.Reads);
    }

    [Fact]
    public void Direct_io_bypasses_the_page_cache()
    {
        var fs = new MiniFs { DirectIo = true };
        fs.AddFile("f", MiniFs.Utf8("direct"));
        using var m = TempMount.Create(fs);
        Assert.Equal("direct", File.ReadAllText(m.PathOf("f")));
        int after = fs.Reads;
        Assert.Equal("direct", File.ReadAllText(m.PathOf("f")));
        Assert.True(fs.Reads > after);
    }

    [Fact]
    public void A_smaller_io_size_caps_reads_and_writes()
    {
        var fs = new MiniFs(new FsInfo { Name = "small", Subtype = "small", MaxIoSize = 256 * 1024 });
        fs.AddGenerated("big", 8 << 20, MiniFs.Pattern);
        using var m = TempMount.Create(fs);
        Assert.Equal(256u * 1024, m.Mount.Connection!.MaxWrite);
        Run.Ok("dd", $"if={m.PathOf("big")}", "of=/dev/null", "bs=4M", "iflag=direct");
        Assert.Equal(256 * 1024, fs.MaxReadSize);
        // Filled, not fresh: the kernel copies a write from untouched (never faulted-in) pages one page per request.
        var data = new byte[3 << 20];
        Random.Shared.NextBytes(data);
        File.WriteAllBytes(m.PathOf("out"), data);
        Assert.Equal(256 * 1024, fs.MaxWriteSize);
    }

    [Fact]
    public void Writeback_cache_is_asked_for_when_the_filesystem_wants_it()
    {
        var fs = new MiniFs(new FsInfo { Name = "wb", Subtype = "wb", WritebackCache = true });
        using var m = TempMount.Create(fs);
        Assert.NotEqual(0u, m.Mount.Connection!.Want & Libfuse.CapWritebackCache);
        File.WriteAllText(m.PathOf("f"), "buffered");
        Assert.Equal("buffered", File.ReadAllText(m.PathOf("f")));
        using var plain = TempMount.Create(new MiniFs());
        Assert.Equal(0u, plain.Mount.Connection!.Want & Libfuse.CapWritebackCache);
    }

    [Fact]
    public void A_read_only_filesystem_is_mounted_read_only()
    {
        var fs = new MiniFs(new FsInfo { Name = "ro", Subtype = "ro", ReadOnly = true });
        fs.AddFile("f", MiniFs.Utf8("fixed"));
        using var m = TempMount.Create(fs);
        Assert.Contains("ro", m.Mount.MountEntry is { } e ? Run.Ok("findmnt", "-no", "OPTIONS", m.Path).Split(',') : []);
        Assert.Equal(30, Posix.Open(m.PathOf("g"), Posix.O_CREAT | Posix.O_WRONLY)); // EROFS
        Assert.Equal("fixed", File.ReadAllText(m.PathOf("f")));
    }

    [Fact]
    public void The_filesystem_name_and_subtype_show_in_the_mount_table()
    {
        var fs = new MiniFs(new FsInfo { Name = "gatewayfs:bucket/a,b", Subtype = "gatewayfs" });
        using var m = TempMount.Create(fs);
        Assert.Equal("fuse.gatewayfs", m.Mount.MountEntry!.Value.FsType);
        Assert.Equal("gatewayfs:bucket/a,b", m.Mount.MountEntry!.Value.Source);
    }
}
