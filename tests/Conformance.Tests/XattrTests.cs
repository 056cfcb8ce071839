namespace GatewayFs.Tests.Conformance;

public class XattrTests
{
    [Theory, AllTargets]
    public async Task Set_get_list_remove_round_trip(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        await fs.WriteTextAsync("f", "x");
        if (!fs.Features.HasFlag(FsFeatures.Xattrs))
        {
            await FsAssert.FailsAsync(FsError.NotSupported, () => fs.SetXattrAsync("f", "user.a", [1]));
            return;
        }
        var binary = TestData.Bytes(3000);
        await fs.SetXattrAsync("f", "user.binary", binary);
        await fs.SetXattrAsync("f", "user.text", "hello"u8.ToArray());
        await fs.SetXattrAsync("f", "user.empty", []);

        Assert.Equal(binary, await fs.GetXattrAsync("f", "user.binary"));
        Assert.Equal("hello"u8.ToArray(), await fs.GetXattrAsync("f", "user.text"));
        Assert.Empty(await fs.GetXattrAsync("f", "user.empty"));
        var names = (await fs.ListXattrAsync("f")).Where(n => n.StartsWith("user.")).Order();
        Assert.Equal(["user.binary", "user.empty", "user.text"], names);

        await fs.SetXattrAsync("f", "user.text", "replaced, longer"u8.ToArray());
        Assert.Equal("replaced, longer"u8.ToArray(), await fs.GetXattrAsync("f", "user.text"));

        await fs.RemoveXattrAsync("f", "user.text");
        await FsAssert.FailsAsync(FsError.NoData, () => fs.GetXattrAsync("f", "user.text"));
        Assert.DoesNotContain("user.text", await fs.ListXattrAsync("f"));
        Assert.Equal("x", await fs.ReadTextAsync("f"));
    }

    [Theory, AllTargets]
    public async Task Create_and_replace_flags_and_missing_names_give_the_right_errors(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        await fs.MkdirAsync("d");
        if (!fs.Features.HasFlag(FsFeatures.Xattrs))
        {
            // A volume that stores no attributes (docs/SEMANTICS.md): every name is missing
            // (ENODATA) and storing one is EOPNOTSUPP, whatever the flags.
            await FsAssert.FailsAsync(FsError.NoData, () => fs.GetXattrAsync("d", "user.none"));
            await FsAssert.FailsAsync(FsError.NoData, () => fs.RemoveXattrAsync("d", "user.none"));
            await FsAssert.FailsWithOneOfAsync(() => fs.SetXattrAsync("d", "user.a", [1], XattrFlags.Replace), FsError.NotSupported, FsError.NoData);
            await FsAssert.FailsAsync(FsError.NotSupported, () => fs.SetXattrAsync("d", "user.a", [1], XattrFlags.Create));
            Assert.Empty(await fs.ListXattrAsync("d"));
            await FsAssert.FailsAsync(FsError.NotFound, () => fs.GetXattrAsync("missing", "user.a"));
            return;
        }
        await FsAssert.FailsAsync(FsError.NoData, () => fs.GetXattrAsync("d", "user.none"));
        await FsAssert.FailsAsync(FsError.NoData, () => fs.RemoveXattrAsync("d", "user.none"));
        await FsAssert.FailsAsync(FsError.NoData, () => fs.SetXattrAsync("d", "user.a", [1], XattrFlags.Replace));
        await fs.SetXattrAsync("d", "user.a", [1], XattrFlags.Create);
        await FsAssert.FailsAsync(FsError.Exists, () => fs.SetXattrAsync("d", "user.a", [2], XattrFlags.Create));
        await fs.SetXattrAsync("d", "user.a", [3], XattrFlags.Replace);
        Assert.Equal([3], await fs.GetXattrAsync("d", "user.a"));
        await FsAssert.FailsAsync(FsError.NotFound, () => fs.GetXattrAsync("missing", "user.a"));
    }

    [Theory, AllTargets]
    public async Task Attributes_follow_the_file_through_rename_and_mark_ctime(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        await fs.WriteTextAsync("f", "x");
        if (!fs.Features.HasFlag(FsFeatures.Xattrs))
        {
            // Nothing to carry along: a failed set changes nothing, and the renamed file has none.
            var unchanged = await fs.StatAsync("f");
            await FsAssert.FailsAsync(FsError.NotSupported, () => fs.SetXattrAsync("f", "user.tag", "v"u8.ToArray()));
            Assert.Equal(unchanged.Ctime, (await fs.StatAsync("f")).Ctime);
            await fs.RenameAsync("f", "g");
            Assert.Empty(await fs.ListXattrAsync("g"));
            await FsAssert.FailsAsync(FsError.NoData, () => fs.GetXattrAsync("g", "user.tag"));
            return;
        }
        var before = await fs.StatAsync("f");
        await ClockStep();
        await fs.SetXattrAsync("f", "user.tag", "v"u8.ToArray());
        Assert.True((await fs.StatAsync("f")).Ctime > before.Ctime);
        await fs.RenameAsync("f", "g");
        Assert.Equal("v"u8.ToArray(), await fs.GetXattrAsync("g", "user.tag"));
    }

    [Theory, AllTargets]
    public async Task A_minimal_access_ACL_changes_the_mode_or_is_refused_never_silently_stored(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        await fs.WriteTextAsync("f", "x");
        await fs.ChmodAsync("f", 0x1FF);
        // struct posix_acl_xattr_header (version 2) and three entries: user::rw-, group::r--, other::---
        byte[] acl = [2, 0, 0, 0, 0x01, 0, 6, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0x04, 0, 4, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0x20, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF];
        try
        {
            await fs.SetXattrAsync("f", "system.posix_acl_access", acl);
        }
        catch (FsException e) when (e.Error == FsError.NotSupported)
        {
            Assert.Equal(0x1FFu, Perm((await fs.StatAsync("f")).Mode));
            return;
        }
        Assert.Equal(0x1A0u, Perm((await fs.StatAsync("f")).Mode)); // 0640, as the ACL says
    }
}
