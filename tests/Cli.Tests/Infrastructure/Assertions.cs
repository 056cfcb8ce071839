using Xunit;

namespace GatewayFs.Tests.Cli.Infrastructure;

/// <summary>What every failed command must look like.</summary>
public static class Assertions
{
    /// <summary>Non-zero exit, exactly one stderr line that starts with "gatewayfs:" and contains <paramref name="expected"/>.</summary>
    public static void OneLineFailure(CliResult r, string expected, int? exitCode = null)
    {
        Assert.True(r.ExitCode != 0, $"expected a failure\n{r}");
        if (exitCode is { } code) Assert.True(code == r.ExitCode, $"expected exit {code}\n{r}");
        Assert.True(r.ErrorLines.Count == 1, $"expected one stderr line\n{r}");
        Assert.StartsWith("gatewayfs: ", r.ErrorLines[0]);
        Assert.Contains(expected, r.ErrorLines[0]);
    }

    /// <summary>Nothing mounted at <paramref name="mountpoint"/> and no daemon left in <paramref name="sandbox"/>.</summary>
    public static void NothingLeft(MountSandbox sandbox, string mountpoint)
    {
        Assert.Null(Mounts.TypeAt(mountpoint));
        Assert.Empty(sandbox.RegisteredPids());
    }
}
