using System.Diagnostics;
using System.Text;

namespace GatewayFs.Tests.Volumes.Support;

/// <summary>
/// The crash host (tests/Volumes.CrashHost) as a separate process with a mounted cached volume.
/// Disposing kills it if it still runs, lazily unmounts what it left and removes the mountpoint.
/// </summary>
public sealed class GatewayProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stderr = new();

    private GatewayProcess(Process process, string mountpoint)
    {
        _process = process;
        Mountpoint = mountpoint;
    }

    public string Mountpoint { get; }

    public string PathOf(string relative) => Path.Combine(Mountpoint, relative);

    public static async Task<GatewayProcess> StartAsync(Uri endpoint, string bucket, string prefix, string cacheDir, TimeSpan writeBackDelay)
    {
        string mountpoint = Directory.CreateTempSubdirectory("gatewayfs-crash-mnt-").FullName;
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "exec", Path.Combine(AppContext.BaseDirectory, "Volumes.CrashHost.dll"), endpoint.ToString(), bucket, prefix, cacheDir, mountpoint,
                     writeBackDelay.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            psi.ArgumentList.Add(a);
        var p = Process.Start(psi) ?? throw new InvalidOperationException("could not start the crash host");
        var g = new GatewayProcess(p, mountpoint);
        p.ErrorDataReceived += (_, e) => { lock (g._stderr) g._stderr.AppendLine(e.Data); };
        p.BeginErrorReadLine();
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            while (true)
            {
                string? line = await p.StandardOutput.ReadLineAsync(cts.Token);
                if (line is null) throw new InvalidOperationException($"the crash host exited before mounting: {g.Stderr}");
                if (line == "READY") return g;
            }
        }
        catch
        {
            await g.DisposeAsync();
            throw;
        }
    }

    public string Stderr
    {
        get { lock (_stderr) return _stderr.ToString(); }
    }

    /// <summary>SIGKILL: no flush, no unmount, no journal close.</summary>
    public async Task KillHardAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        if (File.ReadLines("/proc/self/mountinfo").Any(l => l.Split(' ') is { Length: > 4 } f && f[4] == Mountpoint))
        {
            using var umount = Process.Start("umount", ["-l", Mountpoint]);
            await umount.WaitForExitAsync();
        }
        try
        {
            Directory.Delete(Mountpoint);
        }
        catch (IOException)
        {
            // still busy after a lazy unmount: the temp directory is left for the OS to clean
        }
    }
}
