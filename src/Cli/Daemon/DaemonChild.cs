using GatewayFs.Cli.Control;
using GatewayFs.Cli.Logging;
using GatewayFs.Cli.Native;
using GatewayFs.Cli.Settings;

namespace GatewayFs.Cli.Daemon;

/// <summary>
/// The detached daemon process that `gatewayfs mount` starts: leaves the terminal's session,
/// keeps its original stdout (a pipe to the parent) only for the one ready/error line, and
/// sends everything else (its own stdout, stderr) to the log file.
/// </summary>
internal static class DaemonChild
{
    public static async Task<int> RunAsync(Func<MountSettings> resolve, RuntimePaths runtime)
    {
        // Not a process-group leader (we were started by Process.Start), so setsid succeeds.
        Libc.setsid();
        var readyFd = Libc.fcntl(1, Libc.F_DUPFD_CLOEXEC, 3);
        var reporter = new PipeReadyReporter(readyFd, SystemdNotifier.FromEnvironment());
        MountSettings settings;
        CacheDirLock ownership;
        try
        {
            settings = resolve();
            ownership = CacheDirLock.Acquire(settings.CacheDir, settings.Mountpoint);
            FileLoggerProvider.Rotate(settings.LogFile);
            RedirectStdio(settings.LogFile);
        }
        catch (CliError e)
        {
            reporter.Failed(e.ExitCode, e.Message);
            return e.ExitCode;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            reporter.Failed(CliError.Failed, $"cannot prepare the cache directory: {e.Message}; check --cache-dir");
            return CliError.Failed;
        }
        // The daemon must not keep the caller's working directory busy (it may be on a disk to unmount).
        Directory.SetCurrentDirectory("/");
        return await DaemonHost.RunAsync(settings, ownership, reporter, runtime, attached: false).ConfigureAwait(false);
    }

    private static void RedirectStdio(string logFile)
    {
        var log = Libc.open(logFile, Libc.O_WRONLY | Libc.O_CREAT | Libc.O_APPEND | Libc.O_CLOEXEC, Convert.ToInt32("600", 8));
        if (log < 0) throw new IOException($"cannot open {logFile}: {Libc.LastErrorText()}");
        var devNull = Libc.open("/dev/null", Libc.O_RDONLY | Libc.O_CLOEXEC, 0);
        if (devNull < 0) throw new IOException($"cannot open /dev/null: {Libc.LastErrorText()}");
        Libc.dup2(devNull, 0);
        Libc.dup2(log, 1);
        Libc.dup2(log, 2);
        Libc.close(devNull);
        Libc.close(log);
    }
}
