using System.CommandLine;
using GatewayFs.Cli.Commands;

namespace GatewayFs.Cli;

/// <summary>The `gatewayfs` program: parses the command line, runs one command, maps failures to one line and an exit code.</summary>
internal static class Entry
{
    private const int InternalError = 70;
    private static readonly string[] CommandNames = ["mount", "unmount", "umount", "flush", "status"];

    public static async Task<int> Main(string[] args)
    {
        var effective = FromMountHelper(args);
        var environment = Environment.GetEnvironmentVariables();
        var root = new RootCommand(
            "gatewayfs: an S3 bucket (or a prefix of one) mounted as a local filesystem, with a local block cache and a durable write-back journal. "
            + "Exit codes: 0 success, 1 the operation failed, 2 bad input.")
        {
            MountCommand.Create(effective, environment),
            UnmountCommand.Create(environment),
            FlushCommand.Create(environment),
            StatusCommand.Create(environment),
        };
        var parse = root.Parse(effective);
        if (parse.Errors.Count > 0)
        {
            // An unknown word is the most useful thing to name; "required command was not provided" is not.
            var first = parse.UnmatchedTokens.Count > 0
                ? $"unknown option or argument '{parse.UnmatchedTokens[0]}'"
                : parse.Errors[0].Message.TrimEnd('.');
            var command = parse.CommandResult.Command;
            var help = command == root ? "gatewayfs --help" : $"gatewayfs {command.Name} --help";
            Console.Error.WriteLine($"gatewayfs: {first}; see {help}");
            return CliError.Usage;
        }
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false }).ConfigureAwait(false);
        }
        catch (CliError e)
        {
            Console.Error.WriteLine($"gatewayfs: {e.Message}");
            return e.ExitCode;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("gatewayfs: interrupted");
            return 130;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"gatewayfs: internal error: {e.GetType().Name}: {e.Message}");
            Console.Error.WriteLine(e.StackTrace);
            return InternalError;
        }
    }

    /// <summary>
    /// mount(8) and mount.fuse3 run a filesystem as <c>gatewayfs SOURCE MOUNTPOINT -o OPTIONS</c>; that form
    /// becomes <c>gatewayfs mount MOUNTPOINT --source SOURCE -o OPTIONS</c>.
    /// </summary>
    internal static IReadOnlyList<string> FromMountHelper(string[] args)
    {
        if (args.Length < 2 || args[0].StartsWith('-') || args[1].StartsWith('-') || CommandNames.Contains(args[0])) return args;
        return ["mount", args[1], "--source", args[0], .. args[2..]];
    }
}
