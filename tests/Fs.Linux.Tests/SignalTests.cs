using System.Diagnostics;
using GatewayFs.Tests.Fs.Linux.Support;
using GatewayFs.TestKit.Fuse;
using Xunit;

namespace GatewayFs.Tests.Fs.Linux;

/// <summary>A process that owns a mount and dies or is signalled leaves no mount behind.</summary>
public sealed class SignalTests : IDisposable
{
    // A deadline, not a sleep: on a loaded machine, starting a host (dotnet, JIT, fusermount3) and
    // fusermount3's unmount after the host died can each take far longer than when alone.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly string _dir = Directory.CreateTempSubdirectory("gatewayfs-sig-").FullName;
    private Process? _host;

    public void Dispose()
    {
        if (_host is { HasExited: false }) _host.Kill();
        _host?.Dispose();
        if (TempMount.IsMountPoint(_dir)) Run.Program("umount", "-l", _dir);
        Directory.Delete(_dir);
    }

    private async Task<Process> StartHost(params string[] extra)
    {
        string dotnet = Environment.ProcessPath is { } p && Path.GetFileName(p) == "dotnet" ? p : "dotnet";
        var psi = new ProcessStartInfo(dotnet, ["exec", typeof(Program).Assembly.Location, "serve", _dir, .. extra])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        _host = Process.Start(psi)!;
        string? line = await _host.StandardOutput.ReadLineAsync().WaitAsync(Patience);
        if (line != "ready") Assert.Fail($"host said '{line}': {await _host.StandardError.ReadToEndAsync()}");
        Assert.Equal("hello from a child\n", await File.ReadAllTextAsync(Path.Combine(_dir, "hello")).WaitAsync(Patience));
        return _host;
    }

    private async Task MountDisappears()
    {
        var waited = Stopwatch.StartNew();
        while (TempMount.IsMountPoint(_dir) && waited.Elapsed < Patience) await Task.Delay(100);
        if (TempMount.IsMountPoint(_dir))
        {
            // Known cause (fuse3 3.14): fusermount3's auto_unmount unmounts only when its check
            // open(2) of the mountpoint fails with ENOTCONN; when that open is already in flight
            // as the dying connection is aborted, it gets ECONNABORTED and exits, leaving a dead mount.
            var (_, fusermounts, _) = Run.Program("pgrep", "-a", "fusermount3");
            string ours = string.Join("; ", fusermounts.Split('\n').Where(l => l.EndsWith(" " + _dir, StringComparison.Ordinal)));
            Assert.Fail($"{_dir} is still mounted {waited.Elapsed.TotalSeconds:0} s after its host exited (stat: errno {Posix.Stat(_dir)}); "
                + $"its fusermount3: {(ours.Length == 0 ? "exited without unmounting" : ours)}");
        }
        Assert.Equal(0, Posix.Stat(_dir));
    }

    [Theory]
    [InlineData("TERM")]
    [InlineData("INT")]
    public async Task A_signal_unmounts_and_the_process_exits(string signal)
    {
        var host = await StartHost("--no-auto-unmount");
        Run.Ok("kill", $"-{signal}", host.Id.ToString());
        await host.WaitForExitAsync().WaitAsync(Patience);
        await MountDisappears();
    }

    [Fact]
    public async Task Kill_9_is_cleaned_up_by_auto_unmount()
    {
        var host = await StartHost();
        host.Kill();
        await host.WaitForExitAsync().WaitAsync(Patience);
        await MountDisappears();
    }

    [Fact]
    public async Task Kill_9_is_cleaned_up_even_when_fusermount3_gives_up()
    {
        var host = await StartHost();
        // fusermount3 3.14 sometimes exits without unmounting (see MountDisappears); killing its
        // watcher outright leaves only our own pipe watcher to detach the dead mount.
        var (_, listed, _) = Run.Program("pgrep", "-a", "-x", "fusermount3");
        var watchers = listed.Split('\n').Where(l => l.EndsWith(" " + _dir, StringComparison.Ordinal)).Select(l => l.Split(' ')[0]).ToList();
        Assert.NotEmpty(watchers); // the watcher existed, so this test proves the fallback
        foreach (var pid in watchers) Run.Ok("kill", "-9", pid);
        host.Kill();
        await host.WaitForExitAsync().WaitAsync(Patience);
        await MountDisappears();
    }

    [Fact]
    public async Task A_signal_to_a_process_waiting_on_the_filesystem_cancels_its_call()
    {
        var fs = new MiniFs();
        fs.AddFile("stuck", MiniFs.Utf8("never"));
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var never = new TaskCompletionSource();
        int cancelled = 0;
        fs.Cancelled = () => Interlocked.Increment(ref cancelled);
        fs.OpenGate = _ =>
        {
            entered.TrySetResult();
            return never.Task;
        };
        using var m = TempMount.Create(fs);
        // open(2) waits for its FUSE reply in the caller (reads may wait elsewhere, on a page
        // lock or a background request, which signals break without the filesystem's help).
        using var cat = Process.Start(new ProcessStartInfo("cat", [m.PathOf("stuck")]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        await entered.Task.WaitAsync(Patience);
        Run.Ok("kill", "-INT", cat.Id.ToString());
        await cat.WaitForExitAsync().WaitAsync(Patience);
        Assert.NotEqual(0, cat.ExitCode);
        Assert.Equal(1, Volatile.Read(ref cancelled));
    }
}
