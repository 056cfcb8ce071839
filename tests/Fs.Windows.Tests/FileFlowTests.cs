using GatewayFs.Fs;
using GatewayFs.Fs.Windows;

namespace GatewayFs.Tests.Fs.Windows;

public class FileFlowTests
{
    [Fact]
    public async Task Create_write_read_round_trips_bytes_and_reports_sizes()
    {
        var h = new Harness();
        var f = await h.CreateFileAsync(@"\a.bin");
        byte[] data = Enumerable.Range(0, 10_000).Select(i => (byte)(i * 7)).ToArray();
        var w = await h.Ops.WriteAsync(f, data, 0, false, false, h.Ct);
        Assert.Equal((uint)data.Length, w.Bytes);
        Assert.Equal((ulong)data.Length, w.Info.FileSize);
        Assert.Equal(12_288ul, w.Info.AllocationSize);
        var buffer = new byte[4000];
        var r = await h.Ops.ReadAsync(f, buffer, 8000, h.Ct);
        Assert.Equal(2000u, r.Bytes);
        Assert.Equal(data[8000..], buffer[..2000]);
        Assert.Equal(NtStatus.EndOfFile, (await h.Ops.ReadAsync(f, buffer, 10_000, h.Ct)).Status);
        await h.CloseAsync(f, @"\a.bin");
        Assert.Equal(data, await h.GetAsync(@"\a.bin"));
        h.AssertNoReferencesLeft();
    }

    [Fact]
    public async Task Create_of_an_existing_name_collides_and_directories_open_as_directories()
    {
        var h = new Harness();
        await h.PutAsync(@"\x", [1]);
        Assert.Equal(NtStatus.ObjectNameCollision, (await h.Ops.CreateAsync(@"\x", 0, Harness.ReadWrite, 0, h.Ct)).Status);
        await h.CloseAsync(await h.MkdirAsync(@"\d"));
        Assert.Equal(NtStatus.ObjectNameCollision, (await h.Ops.CreateAsync(@"\d", Harness.DirectoryFile, Harness.ReadData, 0, h.Ct)).Status);
        Assert.Equal(NtStatus.FileIsADirectory, (await h.Ops.OpenAsync(@"\d", Harness.NonDirectoryFile, Harness.ReadData, h.Ct)).Status);
        Assert.Equal(NtStatus.NotADirectory, (await h.Ops.OpenAsync(@"\x", Harness.DirectoryFile, Harness.ReadData, h.Ct)).Status);
        h.AssertNoReferencesLeft();
    }

    [Fact]
    public async Task Overwrite_truncates_and_readonly_attribute_maps_to_write_bits()
    {
        var h = new Harness();
        await h.PutAsync(@"\o", [1, 2, 3, 4]);
        var f = await h.OpenAsync(@"\o");
        var o = await h.Ops.OverwriteAsync(f, 0x01, replaceAttributes: true, h.Ct);
        Assert.Equal(NtStatus.Success, o.Status);
        Assert.Equal(0ul, o.Info.FileSize);
        Assert.Equal(0x01u, o.Info.FileAttributes);
        var cleared = await h.Ops.SetBasicInfoAsync(f, 0x80, 0, 0, 0, 0, h.Ct);
        Assert.Equal(0x80u, cleared.Info.FileAttributes);
        await h.CloseAsync(f);
        Assert.Empty(await h.GetAsync(@"\o"));

        var ro = await h.CreateFileAsync(@"\ro", attributes: 0x01);
        Assert.Equal(0x01u, (await h.Ops.GetFileInfoAsync(ro, h.Ct)).Info.FileAttributes);
        await h.CloseAsync(ro);
        h.AssertNoReferencesLeft();
    }

    [Fact]
    public async Task Times_and_sizes_are_set_through_the_file()
    {
        var h = new Harness();
        var f = await h.CreateFileAsync(@"\t");
        ulong when = FileTimes.ToFileTime(new FsTime(1_600_000_000, 500_000_000));
        var b = await h.Ops.SetBasicInfoAsync(f, 0xFFFFFFFF, when, when, when, 0, h.Ct);
        Assert.Equal(when, b.Info.LastWriteTime);
        Assert.Equal(when, b.Info.LastAccessTime);
        Assert.Equal(12_345ul, (await h.Ops.SetFileSizeAsync(f, 12_345, false, h.Ct)).Info.FileSize);
        Assert.Equal(12_345ul, (await h.Ops.SetFileSizeAsync(f, 65_536, true, h.Ct)).Info.FileSize); // growing allocation keeps the size
        Assert.Equal(100ul, (await h.Ops.SetFileSizeAsync(f, 100, true, h.Ct)).Info.FileSize);       // shrinking allocation truncates
        Assert.Equal(NtStatus.Success, (await h.Ops.FlushAsync(f, h.Ct)).Status);
        Assert.Equal(NtStatus.Success, (await h.Ops.FlushAsync(null, h.Ct)).Status);
        await h.CloseAsync(f);
    }

    [Fact]
    public async Task Append_and_constrained_writes()
    {
        var h = new Harness();
        var f = await h.CreateFileAsync(@"\log");
        await h.Ops.WriteAsync(f, "abc"u8.ToArray(), 0, false, false, h.Ct);
        var end = await h.Ops.WriteAsync(f, "def"u8.ToArray(), ulong.MaxValue, toEndOfFile: true, false, h.Ct);
        Assert.Equal(6ul, end.Info.FileSize);
        var paging = await h.Ops.WriteAsync(f, "XYZW"u8.ToArray(), 4, false, constrainedIo: true, h.Ct);
        Assert.Equal(2u, paging.Bytes); // never past the end of file
        Assert.Equal(NtStatus.Success, (await h.Ops.WriteAsync(f, "Q"u8.ToArray(), 9, false, true, h.Ct)).Status);
        await h.CloseAsync(f);
        Assert.Equal("abcdXY"u8.ToArray(), await h.GetAsync(@"\log"));
    }

    [Fact]
    public async Task Rename_honours_ReplaceIfExists_and_refuses_to_replace_directories()
    {
        var h = new Harness();
        await h.PutAsync(@"\a", [1]);
        await h.PutAsync(@"\b", [2]);
        await h.CloseAsync(await h.MkdirAsync(@"\d"));
        Assert.Equal(NtStatus.ObjectNameCollision, await h.Ops.RenameAsync(@"\a", @"\b", false, h.Ct));
        Assert.Equal(NtStatus.Success, await h.Ops.RenameAsync(@"\a", @"\b", true, h.Ct));
        Assert.Equal(new byte[] { 1 }, await h.GetAsync(@"\b"));
        Assert.Equal(NtStatus.AccessDenied, await h.Ops.RenameAsync(@"\b", @"\d", true, h.Ct));
        Assert.Equal(NtStatus.Success, await h.Ops.RenameAsync(@"\b", @"\d\moved", false, h.Ct));
        Assert.Equal(NtStatus.ObjectNameNotFound, (await h.Ops.GetSecurityByNameAsync(@"\b", h.Ct)).Status);
        Assert.Equal(NtStatus.ObjectPathNotFound, await h.Ops.RenameAsync(@"\d\moved", @"\none\x", false, h.Ct));
        h.AssertNoReferencesLeft();
    }

    [Fact]
    public async Task Delete_on_close_removes_files_and_only_empty_directories()
    {
        var h = new Harness();
        await h.CloseAsync(await h.MkdirAsync(@"\d"));
        await h.PutAsync(@"\d\f", [9]);

        var dir = await h.OpenAsync(@"\d", Harness.ReadData);
        Assert.Equal(NtStatus.DirectoryNotEmpty, await h.Ops.CanDeleteAsync(dir, h.Ct));
        await h.CloseAsync(dir);

        var f = await h.OpenAsync(@"\d\f");
        Assert.Equal(NtStatus.Success, await h.Ops.CanDeleteAsync(f, h.Ct));
        await h.CloseAsync(f, @"\d\f", cleanupFlags: 0x01);
        Assert.Equal(NtStatus.ObjectNameNotFound, (await h.Ops.GetSecurityByNameAsync(@"\d\f", h.Ct)).Status);

        dir = await h.OpenAsync(@"\d", Harness.ReadData);
        Assert.Equal(NtStatus.Success, await h.Ops.CanDeleteAsync(dir, h.Ct));
        await h.CloseAsync(dir, @"\d", cleanupFlags: 0x01);
        Assert.Equal(NtStatus.ObjectNameNotFound, (await h.Ops.GetSecurityByNameAsync(@"\d", h.Ct)).Status);
        Assert.Equal(1, h.Fs.NodeCount); // only the root is left
        h.AssertNoReferencesLeft();
    }

    [Fact]
    public async Task Volume_info_comes_from_statfs()
    {
        var h = new Harness();
        var v = await h.Ops.GetVolumeInfoAsync(h.Ct);
        Assert.Equal(NtStatus.Success, v.Status);
        Assert.True(v.TotalSize > 0 && v.FreeSize <= v.TotalSize);
    }
}
