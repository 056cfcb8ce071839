namespace GatewayFs.Cli.Daemon;

/// <summary>How to start this program again: the apphost, or <c>dotnet gatewayfs.dll</c>.</summary>
internal static class SelfExecutable
{
    /// <summary>The executable to run.</summary>
    public static string Path => Environment.ProcessPath ?? throw new CliError("cannot find the path of the running gatewayfs executable");

    /// <summary>Arguments before the user's: the assembly path when running under the dotnet host.</summary>
    public static IReadOnlyList<string> LeadingArguments =>
        System.IO.Path.GetFileNameWithoutExtension(Path) == "dotnet" ? [typeof(SelfExecutable).Assembly.Location] : [];
}
