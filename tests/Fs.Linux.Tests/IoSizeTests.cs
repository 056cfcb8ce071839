using GatewayFs.Fs;
using GatewayFs.Tests.Fs.Linux.Support;
using GatewayFs.TestKit.Fuse;
using Xunit;

namespace GatewayFs.Tests.Fs.Linux;

/// <summary>The kernel moves data in 1 MiB requests, and every byte lands where it belongs.</summary>
public class IoSizeTests
{
    private const int MiB = 1 << 20;

    [Fact]
    public void Init_negotiates_one_mebibyte_reads_and_writes()
    {
        using var m = TempMount.Create(new MiniFs());
        var c = m.Mount.Connection!;
        Assert.Equal((uint)MiB, c.MaxWrite);
        Assert.Equal((uint)MiB, c.MaxRead);
        Assert.Equal(64u, c.MaxBackground);
        Assert.Equal("1024", File.ReadAllText($"/sys/class/bdi/{m.Mount.MountEntry!.Value.BdiName}/read_ahead_kb").Trim());
    }

    [Fact]
    public void Sequential_reads_arrive_in_one_mebibyte_requests_with_the_right_bytes()
    {
        var fs = new MiniFs();
        const long size = 48L * MiB + 12345;
        fs.AddGenerated("big", size, MiniFs.Pattern);
        using var m = TempMount.Create(fs);
        using var f = new FileStream(m.PathOf("big"), FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
        var buf = new byte[MiB];
        long pos = 0;
        int n;
        while ((n = f.Read(buf, 0, buf.Length)) > 0)
        {
            for (int i = 0; i < n; i += 997)
                Assert.True(buf[i] == MiniFs.Pattern(pos + i, 0), $"byte {pos + i} differs");
            pos += n;
        }
        Assert.Equal(size, pos);
        Assert.Equal(MiB, fs.MaxReadSize);
    }

    [Fact]
    public void Direct_io_reads_arrive_in_one_mebibyte_requests()
    {
        var fs = new MiniFs();
        fs.AddGenerated("big", 8L * MiB, MiniFs.Pattern);
        using var m = TempMount.Create(fs);
        Run.Ok("dd", $"if={m.PathOf("big")}", "of=/dev/null", "bs=4M", "iflag=direct");
        Assert.Equal(MiB, fs.MaxReadSize);
    }

    [Fact]
    public void Large_writes_arrive_in_one_mebibyte_requests_and_read_back_identically()
    {
        var fs = new MiniFs();
        using var m = TempMount.Create(fs);
        var data = new byte[20 * MiB + 777];
        new Random(42).NextBytes(data);
        using (var f = new FileStream(m.PathOf("out"), FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0))
        {
            for (int at = 0; at < data.Length; at += 4 * MiB)
                f.Write(data, at, Math.Min(4 * MiB, data.Length - at));
        }
        Assert.Equal(MiB, fs.MaxWriteSize);
        Assert.Equal(data, File.ReadAllBytes(m.PathOf("out")));
    }

    [Fact]
    public void Copy_with_cp_and_compare_with_cmp()
    {
        var fs = new MiniFs();
        string src = Path.Combine(Path.GetTempPath(), $"gatewayfs-src-{Guid.NewGuid():N}");
        try
        {
            var data = new byte[7 * MiB + 3];
            new Random(7).NextBytes(data);
            File.WriteAllBytes(src, data);
            using var m = TempMount.Create(fs);
            Run.Ok("cp", src, m.PathOf("copy"));
            Run.Ok("cmp", src, m.PathOf("copy"));
        }
        finally
        {
            File.Delete(src);
        }
    }
}
