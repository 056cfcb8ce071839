using System.Diagnostics;
using GatewayFs.Tests.Volumes.Support;
using GatewayFs.TestKit.Fuse;
using GatewayFs.TestKit.S3;
using Xunit;

namespace GatewayFs.Tests.Volumes;

/// <summary>An in-process volume on s3rver, mounted through our FUSE binding on a temporary directory.</summary>
public abstract class MountedTestBase : InProcessTestBase
{
    protected MountedTestBase(S3rverFixture s3) : base(s3) { }

    protected TempMount Mount { get; private set; } = null!;

    protected string P(string relative) => Mount.PathOf(relative);

    public new async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Mount = TempMount.Create(V.Volume);
    }

    public new async Task DisposeAsync()
    {
        if (Mount is not null) await Mount.DisposeAsync();
        await base.DisposeAsync();
    }

    /// <summary>Unmounts, restarts the volume (keeping or dropping the cache) and mounts again.</summary>
    protected async Task RemountAsync(bool keepCache)
    {
        await Mount.DisposeAsync();
        await RestartAsync(keepCache);
        Mount = TempMount.Create(V.Volume);
    }

    /// <summary>Runs a program to completion (fails the test on a non-zero exit) and returns its stdout.</summary>
    protected static async Task<string> RunAsync(string file, string workingDir, params string[] args)
    {
        var psi = new ProcessStartInfo(file, args) { WorkingDirectory = workingDir, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        psi.Environment["HOME"] = workingDir;
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await p.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish within 2 minutes");
        }
        Assert.True(p.ExitCode == 0, $"{file} {string.Join(' ', args)} exited {p.ExitCode}: {await stderr}{await stdout}");
        return await stdout;
    }
}
