using System.Diagnostics;
using System.Text;
using GatewayFs.Cli.Native;
using GatewayFs.Cli.Settings;

namespace GatewayFs.Cli.Daemon;

/// <summary>
/// The `gatewayfs mount` side of daemon mode. .NET cannot fork safely, so it starts itself again
/// with <c>--foreground --daemon-child</c>; the child leaves the terminal's session (setsid),
/// points its stdio at the log file and reports one line on its original stdout: ready, or the
/// reason it failed. This command waits for that line and exits with the child's verdict.
/// </summary>
internal static class DaemonLauncher
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(5);

    public static async Task<int> LaunchAsync(IReadOnlyList<string> userArgs, MountSettings settings, CancellationToken ct)
    {
        var psi = new ProcessStartInfo(SelfExecutable.Path)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = Environment.CurrentDirectory,
        };
        foreach (var a in SelfExecutable.LeadingArguments) psi.ArgumentList.Add(a);
        foreach (var a in userArgs) psi.ArgumentList.Add(a);
        psi.ArgumentList.Add("--foreground");
        psi.ArgumentList.Add("--daemon-child");
        // The daemon moves gigabytes through a few hot loops (checksums, copies) right after it
        // starts; tier-0 code there cost twice the CPU per GiB (docs/BENCHMARKS.md). The short-lived
        // CLI keeps tiered start-up; a user's own setting wins.
        if (Environment.GetEnvironmentVariable("DOTNET_TieredCompilation") is null)
            psi.Environment["DOTNET_TieredCompilation"] = "0";

        using var child = Process.Start(psi) ?? throw new CliError("could not start the gatewayfs daemon process");
        child.StandardInput.Close();
        var stderr = new StringBuilder();
        var stderrDone = PumpAsync(child.StandardError, stderr);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(ReadyTimeout);
        string? line;
        try
        {
            line = await child.StandardOutput.ReadLineAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Abandon(child, settings.Mountpoint);
            var why = ct.IsCancellationRequested ? "interrupted" : $"the daemon was not ready after {Duration.Format(ReadyTimeout)}";
            throw new CliError($"mount of {settings.Mountpoint} {why}; it was stopped and nothing is mounted (see {settings.LogFile})");
        }

        if (line is not null && line.StartsWith(PipeReadyReporter.ReadyWord + " ", StringComparison.Ordinal))
        {
            Console.WriteLine(line[(PipeReadyReporter.ReadyWord.Length + 1)..]);
            return 0;
        }
        if (line is not null && line.StartsWith(PipeReadyReporter.ErrorWord + " ", StringComparison.Ordinal))
        {
            var rest = line[(PipeReadyReporter.ErrorWord.Length + 1)..];
            var space = rest.IndexOf(' ');
            var code = space > 0 && int.TryParse(rest[..space], out var c) ? c : CliError.Failed;
            await child.WaitForExitAsync(ct).ConfigureAwait(false);
            throw new CliError(space > 0 ? rest[(space + 1)..] : rest, code);
        }
        // No verdict: the child died before it could say why (a crash in the runtime, a kill).
        await child.WaitForExitAsync(ct).ConfigureAwait(false);
        await stderrDone.ConfigureAwait(false);
        Abandon(child, settings.Mountpoint);
        var detail = stderr.ToString().Trim().ReplaceLineEndings(" ");
        if (detail.Length > 300) detail = detail[..300] + "…";
        throw new CliError($"the gatewayfs daemon exited with code {child.ExitCode} before the mount was ready{(detail.Length > 0 ? ": " + detail : "")}; see {settings.LogFile}");
    }

    private static async Task PumpAsync(StreamReader reader, StringBuilder into)
    {
        var buffer = new char[4096];
        int n;
        while ((n = await reader.ReadAsync(buffer).ConfigureAwait(false)) > 0)
        {
            lock (into) into.Append(buffer, 0, n);
        }
    }

    // Whatever the child got to, leave nothing behind: no process, no mount.
    private static void Abandon(Process child, string mountpoint)
    {
        if (!child.HasExited)
        {
            child.Kill(entireProcessTree: true);
            child.WaitForExit(10_000);
        }
        if (MountTable.Find(mountpoint) is { FsType: "fuse.gatewayfs" }) KernelUnmount.Detach(mountpoint);
    }
}
