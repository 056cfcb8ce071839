using static GatewayFs.TestKit.Conformance.Programs;

namespace GatewayFs.Tests.Conformance.Programs;

/// <summary>cp -a into and out of the filesystem, checked with diff -r and find.</summary>
public class CopyTreeTests
{
    [Theory, MountedTargets]
    public async Task Cp_a_carries_a_tree_in_and_out_unchanged(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        using var local = LocalDir.WithSampleTree();
        string inside = Path.Join(fs.HostRoot!, "copy");

        await RunAsync("cp", ["-a", local["src"], inside]);
        await RunAsync("diff", ["-r", "--no-dereference", local["src"], inside]);
        Assert.Equal(await SampleTree.DescribeAsync(local["src"]), await SampleTree.DescribeAsync(inside));

        await RunAsync("cp", ["-a", inside, local["back"]]);
        await RunAsync("diff", ["-r", "--no-dereference", local["src"], local["back"]]);
        Assert.Equal(await SampleTree.DescribeAsync(local["src"]), await SampleTree.DescribeAsync(local["back"]));
    }

    [Theory, MountedTargets]
    public async Task Cp_within_the_filesystem_and_rm_rf_leave_nothing_behind(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        using var local = LocalDir.WithSampleTree();
        string root = fs.HostRoot!;

        await RunAsync("cp", ["-a", local["src"], "one"], root);
        await RunAsync("cp", ["-a", "one", "two"], root);
        await RunAsync("diff", ["-r", "--no-dereference", "one", "two"], root);
        await RunAsync("mv", ["two", "one/moved"], root);
        await RunAsync("rm", ["-rf", "one"], root);
        Assert.Empty(await fs.ListAsync(""));
    }

    [Theory, MountedTargets]
    public async Task Rm_r_of_a_directory_larger_than_a_listing_page_removes_every_entry_it_lists(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        string root = fs.HostRoot!;
        // 1,200 entries: more than one LIST page of a cached volume; uploaded first, so every
        // unlink reaches the store while rm is still reading the directory.
        await RunAsync("sh", ["-c", "mkdir big big/sub && cd big && seq 1 1200 | xargs touch && touch sub/leaf"], root);
        await fs.SettleAsync();
        // Without -f: an entry listed but then missing (ENOENT) would make rm fail.
        await RunAsync("rm", ["-r", "big"], root);
        Assert.Empty(await fs.ListAsync(""));
    }
}
