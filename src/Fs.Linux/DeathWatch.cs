using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace GatewayFs.Fs.Linux;

/// <summary>
/// A second line behind libfuse's auto_unmount: a small shell process that holds the read end
/// of a pipe only this process can write. When this process dies (kill -9 included) the pipe
/// reaches end-of-file, and if the mount is dead by then (stat fails) the shell detaches it.
/// fusermount3 3.14's own watcher gives up when its probe of the mountpoint fails with
/// ECONNABORTED instead of ENOTCONN, leaving a dead mount behind about one time in ten.
/// A clean unmount writes "ok" first, so the shell exits without touching the mountpoint.
/// </summary>
internal sealed class DeathWatch : IDisposable
{
    // $1 is the mountpoint; a live mount (someone mounted again meanwhile) is left alone.
    private const string Script = "read x; [ \"$x\" = ok ] && exit 0; stat -- \"$1\" >/dev/null 2>&1 || exec fusermount3 -u -z -- \"$1\" 2>/dev/null";

    private readonly Process _shell;

    private DeathWatch(Process shell) => _shell = shell;

    /// <summary>Starts the watcher for <paramref name="mountpoint"/>; null (and a log line) when it cannot be started.</summary>
    public static DeathWatch? Start(string mountpoint, ILogger log)
    {
        try
        {
            var psi = new ProcessStartInfo("/bin/sh", ["-c", Script, "gatewayfs-deathwatch", mountpoint])
            {
                UseShellExecute = false,
                RedirectStandardInput = true, // the pipe; .NET opens it close-on-exec, so no other child holds it
                RedirectStandardOutput = false,
                RedirectStandardError = false,
            };
            var p = Process.Start(psi);
            if (p is not null) return new DeathWatch(p);
            log.LogWarning("could not start the unmount watcher for {Mountpoint}; only fusermount3 will clean up after a crash", mountpoint);
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or IOException or InvalidOperationException)
        {
            log.LogWarning("could not start the unmount watcher for {Mountpoint} ({Message}); only fusermount3 will clean up after a crash", mountpoint, e.Message);
        }
        return null;
    }

    /// <summary>Tells the watcher the unmount is deliberate and lets it exit.</summary>
    public void Dispose()
    {
        try
        {
            _shell.StandardInput.WriteLine("ok");
            _shell.StandardInput.Close();
            _shell.WaitForExit(TimeSpan.FromSeconds(5));
        }
        catch (IOException)
        {
            // The shell is gone already (killed by someone); nothing is left to tell.
        }
        _shell.Dispose();
    }
}
