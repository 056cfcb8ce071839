using System.Diagnostics;
using System.Text;

namespace GatewayFs.Tests.Cli.Infrastructure;

/// <summary>
/// Runs the real, built gatewayfs executable as a user would: the apphost from src/Cli's build
/// output for the same configuration as this test assembly (the test project references Cli, so
/// it is built first).
/// </summary>
public static class Gatewayfs
{
    private static readonly Lazy<string> s_repoRoot = new(FindRepoRoot);

    /// <summary>The repository root (where gatewayfs.sln is).</summary>
    public static string RepoRoot => s_repoRoot.Value;

    /// <summary>The apphost of the built CLI.</summary>
    public static string Executable
    {
        get
        {
            // bin/<Configuration>/net10.0/ of this assembly names the configuration to look for.
            var tfmDir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/'));
            var configuration = tfmDir.Parent!.Name;
            var exe = Path.Combine(RepoRoot, "src", "Cli", "bin", configuration, tfmDir.Name, "gatewayfs");
            if (!File.Exists(exe)) throw new FileNotFoundException($"the gatewayfs executable is not built at {exe}; build src/Cli in {configuration}");
            return exe;
        }
    }

    /// <summary>Starts gatewayfs with <paramref name="args"/> and the given environment changes (null value: remove).</summary>
    public static Process Start(IEnumerable<string> args, IReadOnlyDictionary<string, string?> environment) =>
        Start(Executable, args, environment);

    private static Process Start(string program, IEnumerable<string> args, IReadOnlyDictionary<string, string?> environment)
    {
        var psi = new ProcessStartInfo(program)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        // A clean slate: no GATEWAYFS_* setting from the machine running the tests leaks in.
        foreach (var key in psi.Environment.Keys.Where(k => k.StartsWith("GATEWAYFS_", StringComparison.Ordinal)).ToList())
            psi.Environment.Remove(key);
        foreach (var (k, v) in environment)
        {
            if (v is null) psi.Environment.Remove(k);
            else psi.Environment[k] = v;
        }
        var p = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {program}");
        p.StandardInput.Close();
        return p;
    }

    /// <summary>Runs gatewayfs to completion (killing it after <paramref name="timeout"/>).</summary>
    public static Task<CliResult> RunAsync(IEnumerable<string> args, IReadOnlyDictionary<string, string?> environment, TimeSpan? timeout = null) =>
        RunProgramAsync(Executable, args, environment, timeout);

    /// <summary>Runs any program (mount, script, the contrib helper) in the same clean environment as gatewayfs.</summary>
    public static async Task<CliResult> RunProgramAsync(string program, IEnumerable<string> args, IReadOnlyDictionary<string, string?> environment, TimeSpan? timeout = null)
    {
        using var p = Start(program, args, environment);
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        try
        {
            await p.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            await p.WaitForExitAsync();
            throw new TimeoutException($"{program} {string.Join(' ', args)} did not finish in time; stderr so far: {await stderr}");
        }
        return new CliResult(p.ExitCode, await stdout, await stderr);
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "gatewayfs.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException($"no gatewayfs.sln above {AppContext.BaseDirectory}");
    }
}
