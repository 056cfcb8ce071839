using System.Diagnostics;

namespace GatewayFs.Tests.Fs.Linux.Support;

/// <summary>Runs an ordinary program and returns its exit code and output.</summary>
internal static class Run
{
    public static (int ExitCode, string Stdout, string Stderr) Program(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {file}");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(60_000))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish within 60 s");
        }
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Runs a program that must succeed; returns its stdout.</summary>
    public static string Ok(string file, params string[] args)
    {
        var (code, stdout, stderr) = Program(file, args);
        if (code != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {code}: {stderr}");
        return stdout;
    }
}
