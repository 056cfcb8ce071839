using System.Collections.Concurrent;
using System.Diagnostics;

namespace GatewayFs.Tests.CacheEngine.Crash;

/// <summary>
/// This test assembly started as a child in a crash mode; collects its complete output lines
/// (those ending in " $", so a line cut by the kill is ignored) and kills it with SIGKILL.
/// </summary>
public sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly StringWriter _stderr = new();

    public ChildProcess(params string[] args)
    {
        string host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var psi = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(typeof(Program).Assembly.Location);
        foreach (var a in args) psi.ArgumentList.Add(a);
        _process = Process.Start(psi) ?? throw new InvalidOperationException("could not start the crash-test child");
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line && line.EndsWith(" $", StringComparison.Ordinal)) _lines.Enqueue(line[..^2]);
        };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_stderr) _stderr.WriteLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public IReadOnlyCollection<string> Lines => _lines;

    public string StandardError
    {
        get { lock (_stderr) return _stderr.ToString(); }
    }

    /// <summary>Waits until the child printed a line (complete) equal to text.</summary>
    public async Task WaitForLineAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!_lines.Contains(text))
        {
            if (_process.HasExited) throw new InvalidOperationException($"crash-test child exited with {_process.ExitCode} before printing '{text}': {StandardError}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"crash-test child did not print '{text}' within {timeout}: {StandardError}");
            await Task.Delay(10);
        }
    }

    /// <summary>SIGKILL, then wait for the exit and for the output to drain.</summary>
    public void KillHard()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        KillHard();
        _process.Dispose();
    }
}
