using System.Diagnostics;
using System.Text;
using Xunit;

namespace GatewayFs.TestKit.Conformance;

/// <summary>Runs real programs (cp, tar, dd, sqlite3, git) for tests, and fails the test with their output when they fail.</summary>
public static class Programs
{
    /// <summary>
    /// Runs <paramref name="file"/> with <paramref name="args"/> in <paramref name="cwd"/>; returns
    /// its standard output. A non-zero exit or a run longer than <paramref name="timeout"/>
    /// (default two minutes; the process tree is killed) fails the test with both outputs.
    /// </summary>
    public static async Task<string> RunAsync(string file, IEnumerable<string> args, string? cwd = null,
        IReadOnlyDictionary<string, string>? env = null, TimeSpan? timeout = null)
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = cwd ?? Environment.CurrentDirectory,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        if (env is not null)
            foreach (var (k, v) in env) psi.Environment[k] = v;
        string command = $"{file} {string.Join(' ', psi.ArgumentList)}";

        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {command}");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Assert.Fail($"`{command}` did not finish in {timeout ?? TimeSpan.FromMinutes(2)}; killed.\nstdout: {Tail(await stdout)}\nstderr: {Tail(await stderr)}");
        }
        string output = await stdout, errors = await stderr;
        if (process.ExitCode != 0)
            Assert.Fail($"`{command}` exited with {process.ExitCode} in {psi.WorkingDirectory}\nstdout: {Tail(output)}\nstderr: {Tail(errors)}");
        return output;
    }

    /// <summary>Runs <c>sh -c <paramref name="script"/></c>; see <see cref="RunAsync"/>.</summary>
    public static Task<string> ShellAsync(string script, string? cwd = null, IReadOnlyDictionary<string, string>? env = null) =>
        RunAsync("/bin/sh", ["-c", script], cwd, env);

    /// <summary>True when <paramref name="name"/> is an executable on the PATH.</summary>
    public static bool Exists(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Join(dir, name)));

    private static string Tail(string s) => s.Length <= 4000 ? s : "…" + s[^4000..];
}
