namespace GatewayFs.Tests.Fs.Windows;

using GatewayFs.Fs.Windows;

public class PathWalkTests
{
    [Fact]
    public async Task Missing_last_component_is_name_not_found_missing_middle_is_path_not_found()
    {
        var h = new Harness();
        await h.CloseAsync(await h.MkdirAsync(@"\d"));
        await h.PutAsync(@"\d\f.txt", [1, 2, 3]);

        Assert.Equal(NtStatus.Success, (await h.Ops.GetSecurityByNameAsync(@"\d\f.txt", h.Ct)).Status);
        Assert.Equal(NtStatus.ObjectNameNotFound, (await h.Ops.GetSecurityByNameAsync(@"\d\nope", h.Ct)).Status);
        Assert.Equal(NtStatus.ObjectPathNotFound, (await h.Ops.GetSecurityByNameAsync(@"\nope\f.txt", h.Ct)).Status);
        Assert.Equal(NtStatus.ObjectPathNotFound, (await h.Ops.GetSecurityByNameAsync(@"\d\f.txt\below", h.Ct)).Status);
        Assert.Equal(NtStatus.ObjectPathNotFound, (await h.Ops.OpenAsync(@"\nope\x", 0, Harness.ReadData, h.Ct)).Status);
        Assert.Equal(NtStatus.ObjectPathNotFound, (await h.Ops.CreateAsync(@"\nope\x", 0, Harness.ReadWrite, 0, h.Ct)).Status);
        h.AssertNoReferencesLeft();
    }

    [Fact]
    public async Task Attributes_by_name_and_root()
    {
        var h = new Harness();
        await h.CloseAsync(await h.MkdirAsync(@"\d"));
        await h.PutAsync(@"\ro", []);
        Assert.Equal(0x10u, (await h.Ops.GetSecurityByNameAsync(@"\", h.Ct)).AttributesOrReparseIndex);
        Assert.Equal(0x10u, (await h.Ops.GetSecurityByNameAsync(@"\d", h.Ct)).AttributesOrReparseIndex);
        Assert.Equal(0x80u, (await h.Ops.GetSecurityByNameAsync(@"\ro", h.Ct)).AttributesOrReparseIndex);
    }

    [Fact]
    public async Task Symlink_in_the_middle_of_a_path_is_a_reparse_at_its_index()
    {
        var h = new Harness();
        await h.CloseAsync(await h.MkdirAsync(@"\real"));
        var link = await h.Fs.SymlinkAsync(1, "link", "real", GatewayFs.Fs.FsCaller.Self, h.Ct);
        h.Fs.Forget(link.NodeId, 1);

        var r = await h.Ops.GetSecurityByNameAsync(@"\link\file", h.Ct);
        Assert.Equal(NtStatus.Reparse, r.Status);
        Assert.Equal(1u, r.AttributesOrReparseIndex); // "link" starts after the leading backslash

        var last = await h.Ops.GetSecurityByNameAsync(@"\link", h.Ct);
        Assert.Equal(NtStatus.Success, last.Status);
        Assert.Equal(0x400u, last.AttributesOrReparseIndex);

        var target = await h.Ops.GetReparsePointByNameAsync(@"\link", h.Ct);
        Assert.Equal("real", target.Target);
        Assert.Equal(NtStatus.NotAReparsePoint, (await h.Ops.GetReparsePointByNameAsync(@"\real", h.Ct)).Status);

        var opened = await h.OpenAsync(@"\link", Harness.ReadData);
        Assert.False(opened.HasHandle);
        Assert.Equal("real", (await h.Ops.GetReparsePointAsync(opened, h.Ct)).Target);
        await h.CloseAsync(opened);
        h.AssertNoReferencesLeft();
    }

    [Fact]
    public async Task Invalid_names_are_refused_not_thrown()
    {
        var h = new Harness();
        Assert.Equal(NtStatus.InvalidParameter, (await h.Ops.GetSecurityByNameAsync(@"\a:stream", h.Ct)).Status);
        Assert.Equal(NtStatus.NameTooLong, (await h.Ops.CreateAsync("\\" + new string('n', 300), 0, Harness.ReadWrite, 0, h.Ct)).Status);
        Assert.Equal(NtStatus.ObjectNameInvalid, (await h.Ops.CreateAsync(@"\", 0, Harness.ReadWrite, 0, h.Ct)).Status);
    }
}
