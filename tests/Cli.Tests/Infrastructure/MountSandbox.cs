using System.Diagnostics;
using System.Text.Json;
using GatewayFs.TestKit.S3;

namespace GatewayFs.Tests.Cli.Infrastructure;

/// <summary>
/// One test's private world: a temporary directory with mountpoints, cache directories and its own
/// runtime directory (registry of mounts), and the environment to run gatewayfs in it. Dispose
/// unmounts and kills whatever the test left running, also when it failed.
/// </summary>
public sealed class MountSandbox : IAsyncDisposable
{
    private readonly List<Process> _processes = [];

    public MountSandbox(string name = "t")
    {
        Root = Directory.CreateTempSubdirectory($"gwcli-{name}-").FullName;
        RuntimeDir = Path.Combine(Root, "run");
        Environment = new Dictionary<string, string?>
        {
            ["GATEWAYFS_RUNTIME_DIR"] = RuntimeDir,
            ["AWS_ACCESS_KEY_ID"] = S3rverFixture.AccessKey,
            ["AWS_SECRET_ACCESS_KEY"] = S3rverFixture.SecretKey,
            ["AWS_REGION"] = "us-east-1",
            ["AWS_PROFILE"] = null,
            ["AWS_CONFIG_FILE"] = Path.Combine(Root, "no-aws-config"),
            ["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(Root, "no-aws-credentials"),
            ["NOTIFY_SOCKET"] = null,
        };
    }

    /// <summary>The sandbox directory.</summary>
    public string Root { get; }

    /// <summary>GATEWAYFS_RUNTIME_DIR of every run in this sandbox.</summary>
    public string RuntimeDir { get; }

    /// <summary>Environment changes for gatewayfs runs; tests may add to it.</summary>
    public Dictionary<string, string?> Environment { get; }

    /// <summary>A new empty directory under the sandbox.</summary>
    public string Dir(string name)
    {
        var path = Path.Combine(Root, name);
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Runs gatewayfs to completion in this sandbox.</summary>
    public Task<CliResult> RunAsync(params string[] args) => Gatewayfs.RunAsync(args, Environment);

    /// <summary>Starts gatewayfs (e.g. a foreground mount) that the sandbox kills on dispose.</summary>
    public Process Start(params string[] args)
    {
        var p = Gatewayfs.Start(args, Environment);
        _processes.Add(p);
        return p;
    }

    /// <summary>Mount args for a bucket on s3rver.</summary>
    public static string[] S3Args(S3rverFixture s3, string bucket, string cacheDir) =>
        ["--endpoint", s3.Endpoint.ToString(), "--bucket", bucket, "--cache-dir", cacheDir];

    /// <summary>Pids of the daemons in this sandbox's registry.</summary>
    public IReadOnlyList<int> RegisteredPids()
    {
        var dir = Path.Combine(RuntimeDir, "mounts");
        if (!Directory.Exists(dir)) return [];
        var pids = new List<int>();
        foreach (var file in Directory.EnumerateFiles(dir, "*.json"))
        {
            try
            {
                using var doc = JsonDocument.Parse(File.ReadAllText(file));
                pids.Add(doc.RootElement.GetProperty("pid").GetInt32());
            }
            catch (Exception e) when (e is IOException or JsonException or KeyNotFoundException)
            {
                // Removed or being rewritten while we looked; the mount table sweep below still catches its mount.
            }
        }
        return pids;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var p in _processes)
        {
            if (!p.HasExited) p.Kill(entireProcessTree: true);
            await p.WaitForExitAsync();
            p.Dispose();
        }
        foreach (var pid in RegisteredPids()) KillQuietly(pid);
        Mounts.DetachAllUnder(Root);
        // A killed daemon's auto-unmount helper may still be finishing its umount.
        await Mounts.WaitGoneUnderAsync(Root, TimeSpan.FromSeconds(10));
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Something still mounted or busy below; the stale-mount sweep of scripts/test.sh removes it.
        }
    }

    private static void KillQuietly(int pid)
    {
        try
        {
            using var p = Process.GetProcessById(pid);
            p.Kill(entireProcessTree: true);
            p.WaitForExit(10_000);
        }
        catch (ArgumentException)
        {
            // Already gone.
        }
        catch (InvalidOperationException)
        {
            // Exited between lookup and kill.
        }
    }
}
