using GatewayFs.Fs;
using GatewayFs.Tests.Fs.Linux.Support;
using GatewayFs.TestKit.Fuse;
using Xunit;

namespace GatewayFs.Tests.Fs.Linux;

/// <summary>
/// The system. xattr namespace (POSIX ACLs, passed through by the kernel as plain xattrs) is
/// refused by the adapter, so even a filesystem that would store any xattr as bytes (MiniFs
/// does) never gets ACLs that nothing would enforce.
/// </summary>
public class SystemXattrTests
{
    private const int EOPNOTSUPP = 95;

    // struct posix_acl_xattr_header (version 2): user::rw-, group::r--, other::---
    private static readonly byte[] MinimalAcl =
        [2, 0, 0, 0, 0x01, 0, 6, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0x04, 0, 4, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0x20, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF];

    [Fact]
    public async Task Set_get_and_remove_of_system_names_answer_EOPNOTSUPP_and_list_hides_them()
    {
        var fs = new MiniFs();
        fs.AddFile("f", []);
        ulong d = fs.AddDir("d");
        // Stored behind the adapter's back (as a volume with old data could hold it).
        await fs.SetXattrAsync(d, "system.posix_acl_default", MinimalAcl, XattrFlags.None, default);
        await fs.SetXattrAsync(d, "user.kept", new byte[] { 1 }, XattrFlags.None, default);
        fs.Names.Clear();
        using var m = TempMount.Create(fs);
        string f = m.PathOf("f"), dir = m.PathOf("d");

        Assert.Equal(EOPNOTSUPP, Posix.SetXattr(f, "system.posix_acl_access", MinimalAcl));
        Assert.Equal(EOPNOTSUPP, Posix.GetXattr(f, "system.posix_acl_access", 64).Errno);
        Assert.Equal(EOPNOTSUPP, Posix.GetXattr(dir, "system.posix_acl_default", 0).Errno);
        Assert.Equal(EOPNOTSUPP, Posix.SetXattr(dir, "system.posix_acl_default", MinimalAcl));
        Assert.Equal(EOPNOTSUPP, Posix.RemoveXattr(dir, "system.posix_acl_default"));
        Assert.Equal(EOPNOTSUPP, Posix.SetXattr(f, "system.anything", [1]));
        Assert.Equal(["user.kept"], Posix.ListXattr(dir).Names);
        Assert.DoesNotContain(fs.Names, n => n.StartsWith("system.", StringComparison.Ordinal));
    }

    [Fact]
    public void Cp_a_keeps_the_mode_because_its_ACL_copy_is_refused_and_it_falls_back_to_chmod()
    {
        using var m = TempMount.Create(new MiniFs());
        string local = Directory.CreateTempSubdirectory("gatewayfs-acl-").FullName;
        try
        {
            foreach (var (name, mode) in new[] { ("exec", "755"), ("shared", "664"), ("private", "600"), ("setgid", "2750") })
            {
                File.WriteAllText(Path.Join(local, name), name);
                Run.Ok("chmod", mode, Path.Join(local, name));
            }
            Run.Ok("cp", "-a", local, m.PathOf("copy"));
            string modes = Run.Ok("stat", "-c", "%n %a", m.PathOf("copy/exec"), m.PathOf("copy/shared"), m.PathOf("copy/private"), m.PathOf("copy/setgid"));
            Assert.Equal($"{m.PathOf("copy/exec")} 755\n{m.PathOf("copy/shared")} 664\n{m.PathOf("copy/private")} 600\n{m.PathOf("copy/setgid")} 2750\n", modes);
        }
        finally
        {
            Directory.Delete(local, recursive: true);
        }
    }
}
