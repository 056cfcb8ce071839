using static GatewayFs.TestKit.Conformance.Programs;

namespace GatewayFs.Tests.Conformance.Programs;

/// <summary>tar archives written to and read from the filesystem, and trees extracted into it (pax format keeps nanosecond times).</summary>
public class TarTests
{
    [Theory, MountedTargets]
    public async Task An_archive_of_a_tree_created_on_the_filesystem_extracts_identically(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        using var local = LocalDir.WithSampleTree();
        string archive = Path.Join(fs.HostRoot!, "tree.tar");

        await RunAsync("tar", ["--format=posix", "--sparse", "-C", local["src"], "-cf", archive, "."]);
        Directory.CreateDirectory(local["out"]);
        await RunAsync("tar", ["-C", local["out"], "-xf", archive]);
        await RunAsync("diff", ["-r", "--no-dereference", local["src"], local["out"]]);
        Assert.Equal(await SampleTree.DescribeAsync(local["src"]), await SampleTree.DescribeAsync(local["out"]));
    }

    [Theory, MountedTargets]
    public async Task A_tree_extracted_onto_the_filesystem_matches_and_archives_back(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        using var local = LocalDir.WithSampleTree();
        await RunAsync("tar", ["--format=posix", "-C", local["src"], "-cf", local["tree.tar"], "."]);
        string inside = Path.Join(fs.HostRoot!, "extracted");
        Directory.CreateDirectory(inside);

        await RunAsync("tar", ["-C", inside, "-xf", local["tree.tar"]]);
        await RunAsync("diff", ["-r", "--no-dereference", local["src"], inside]);
        Assert.Equal(await SampleTree.DescribeAsync(local["src"]), await SampleTree.DescribeAsync(inside));

        // Reading everything back through tar (a full sequential read of every file) gives the same bytes.
        await RunAsync("tar", ["--format=posix", "-C", inside, "-cf", local["again.tar"], "."]);
        Directory.CreateDirectory(local["again"]);
        await RunAsync("tar", ["-C", local["again"], "-xf", local["again.tar"]]);
        await RunAsync("diff", ["-r", "--no-dereference", local["src"], local["again"]]);
    }
}
