using static GatewayFs.TestKit.Conformance.Programs;

namespace GatewayFs.Tests.Conformance;

/// <summary>
/// Names that are not UTF-8 (bytes a program can pass, a .NET string cannot hold), driven by
/// the shell: a filesystem either keeps them byte for byte (Linux's own) or refuses them with
/// EILSEQ and treats them as absent; it never stores a changed name.
/// </summary>
public class NonUtf8NameTests
{
    private const string Eilseq = "Invalid or incomplete multibyte or wide character";

    [Theory, MountedTargets]
    public async Task Such_names_are_kept_exactly_or_refused_never_changed(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        // Two names differing only in their invalid byte: a lossy decode would make them one.
        const string names = "a=$(printf 'bad\\377'); b=$(printf 'bad\\376')";
        string touch = await ShellAsync($"{names}; touch \"$a\" \"$b\" 2>&1; echo \"exit $?\"", fs.HostRoot);
        string listing = await ShellAsync("ls -1a | od -An -tx1 -v | tr -s ' \\n' ' '", fs.HostRoot);

        if (touch.EndsWith("exit 0\n"))
        {
            Assert.Contains("62 61 64 ff 0a", listing);
            Assert.Contains("62 61 64 fe 0a", listing);
            // rm here also because .NET's recursive delete cannot name such files.
            await ShellAsync($"{names}; rm \"$a\"; test ! -e \"$a\"; test -e \"$b\"; rm \"$b\"", fs.HostRoot);
            return;
        }
        Assert.Contains(Eilseq, touch);
        Assert.DoesNotContain("62 61 64", listing);       // no "bad…" at all
        Assert.DoesNotContain("ef bf bd", listing);       // and no U+FFFD anywhere
        string missing = await ShellAsync($"{names}; ls \"$a\" 2>&1; rm -f \"$a\" && echo removed", fs.HostRoot);
        Assert.Contains("No such file or directory", missing);
        Assert.Contains("removed", missing);
        Assert.Contains(Eilseq, await ShellAsync($"{names}; mkdir \"$a\" 2>&1 || true", fs.HostRoot));
    }
}
