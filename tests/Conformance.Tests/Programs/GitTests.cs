using static GatewayFs.TestKit.Conformance.Programs;

namespace GatewayFs.Tests.Conformance.Programs;

/// <summary>git: many small files, renames into place, lock files, packs, a local clone.</summary>
public class GitTests
{
    [Theory, MountedTargets]
    public async Task Init_add_commit_gc_and_clone_give_a_sound_repository(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        using var home = new LocalDir();
        var env = new Dictionary<string, string>
        {
            ["HOME"] = home.Path,
            ["GIT_CONFIG_NOSYSTEM"] = "1",
            ["GIT_AUTHOR_NAME"] = "Test", ["GIT_AUTHOR_EMAIL"] = "test@example.com",
            ["GIT_COMMITTER_NAME"] = "Test", ["GIT_COMMITTER_EMAIL"] = "test@example.com",
        };
        string repo = Path.Join(fs.HostRoot!, "repo");
        Task<string> Git(string cwd, params string[] args) => RunAsync("git", args, cwd, env);

        await Git(fs.HostRoot!, "init", "-q", "-b", "main", repo);
        SampleTree.Create(repo);
        for (int i = 0; i < 100; i++) await fs.WriteTextAsync($"repo/a/file{i}.txt", $"line {i}\n");
        await Git(repo, "add", "-A");
        await Git(repo, "commit", "-q", "-m", "first");
        await fs.WriteTextAsync("repo/a/readme.txt", "changed\n");
        await Git(repo, "mv", "a/file0.txt", "a/renamed.txt");
        await Git(repo, "commit", "-q", "-am", "second");

        await Git(repo, "fsck", "--strict", "--no-progress");
        Assert.Equal("", await Git(repo, "status", "--porcelain"));
        Assert.Equal(2, (await Git(repo, "log", "--oneline")).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        await Git(repo, "gc", "--quiet");
        await Git(repo, "fsck", "--strict", "--no-progress");

        string clone = Path.Join(fs.HostRoot!, "clone");
        await Git(fs.HostRoot!, "clone", "-q", repo, clone);
        await RunAsync("diff", ["-r", "--no-dereference", "--exclude=.git", "--exclude=empty", repo, clone]); // git keeps no empty directories
        Assert.Equal("changed\n", await fs.ReadTextAsync("clone/a/readme.txt"));
    }
}
