using GatewayFs.Tests.Fs.Linux.Support;
using GatewayFs.TestKit.Fuse;
using Xunit;

namespace GatewayFs.Tests.Fs.Linux;

/// <summary>Names that are not UTF-8 are refused, never handed to the filesystem in a changed form.</summary>
public class NameTests
{
    private const int ENOENT = 2, ENODATA = 61, EILSEQ = 84;

    private static readonly byte[] Bad = [.. "bad"u8, 0xFF];

    [Fact]
    public void A_name_that_is_not_UTF8_is_missing_to_lookups_and_refused_with_EILSEQ_by_creating_calls()
    {
        var fs = new MiniFs();
        fs.AddFile("f", MiniFs.Utf8("x"));
        using var m = TempMount.Create(fs);
        byte[] bad = RawPath.Join(m.Path, Bad), f = RawPath.Join(m.Path, "f"u8), ok = RawPath.Join(m.Path, "ok"u8);
        byte[] badXattr = RawPath.Z([.. "user.bad"u8, 0xFE]);

        Assert.Equal(ENOENT, RawPath.Stat(bad));
        Assert.Equal(EILSEQ, RawPath.Create(bad));
        Assert.Equal(EILSEQ, RawPath.MknodRegular(bad));
        Assert.Equal(EILSEQ, RawPath.Mkdir(bad));
        Assert.Equal(EILSEQ, RawPath.Symlink(RawPath.Z("target"u8), bad));
        Assert.Equal(EILSEQ, RawPath.Symlink(RawPath.Z(Bad), ok)); // the target is stored text too
        Assert.Equal(EILSEQ, RawPath.Link(f, bad));
        Assert.Equal(EILSEQ, RawPath.Rename(f, bad));
        Assert.Equal(ENOENT, RawPath.Rename(bad, ok));
        Assert.Equal(ENOENT, RawPath.Unlink(bad));
        Assert.Equal(ENOENT, RawPath.Rmdir(bad));
        Assert.Equal(EILSEQ, RawPath.SetXattr(f, badXattr));
        Assert.Equal(ENODATA, RawPath.GetXattr(f, badXattr));
        Assert.Equal(ENODATA, RawPath.RemoveXattr(f, badXattr));

        Assert.DoesNotContain(fs.Names, n => n.Contains('\uFFFD'));
        Assert.Equal(["f"], Directory.GetFileSystemEntries(m.Path).Select(Path.GetFileName));
        Assert.Equal("x", File.ReadAllText(m.PathOf("f")));
    }

    [Fact]
    public void Touch_mkdir_ls_and_rm_behave_sensibly_on_such_a_name()
    {
        using var m = TempMount.Create(new MiniFs());
        (int Code, string Err) Sh(string script)
        {
            var (code, _, err) = Run.Program("bash", "-c", $"cd '{m.Path}' && {script}");
            return (code, err);
        }

        var touch = Sh("touch $'bad\\xff'");
        Assert.NotEqual(0, touch.Code);
        Assert.Contains("Invalid or incomplete multibyte or wide character", touch.Err);
        Assert.Contains("Invalid or incomplete multibyte or wide character", Sh("mkdir $'bad\\xff'").Err);
        var ls = Sh("ls $'bad\\xff'");
        Assert.Equal(2, ls.Code);
        Assert.Contains("No such file or directory", ls.Err);
        Assert.Equal(0, Sh("rm -f $'bad\\xff'").Code);
        Assert.Equal(0, Sh("touch 'café' && ls café").Code); // valid UTF-8 is untouched
        Assert.Equal(["café"], Directory.GetFileSystemEntries(m.Path).Select(Path.GetFileName));
    }
}
