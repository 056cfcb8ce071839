using System.CommandLine;
using GatewayFs.Cli.Settings;

namespace GatewayFs.Cli.Commands;

/// <summary>Arguments shared by the commands that talk to a running mount.</summary>
internal static class DaemonOptions
{
    public static Argument<string> Mountpoint(string description) => RefuseOptionLike(new Argument<string>("MOUNTPOINT") { Description = description });

    /// <summary>
    /// A mistyped option (<c>--jsn</c>) would otherwise be taken as the mountpoint and fail later with a
    /// confusing "no mount at …/--jsn"; report it as the unknown option it is.
    /// </summary>
    public static Argument<T> RefuseOptionLike<T>(Argument<T> argument)
    {
        argument.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
                if (token.Value.StartsWith('-')) result.AddError($"unknown option '{token.Value}'");
        });
        return argument;
    }

    public static Option<string> Timeout() => new("--timeout")
    {
        HelpName = "DURATION",
        Description = "Give up once the object store has been unreachable this long with no upload progress (uploads that make progress are always waited for).",
        DefaultValueFactory = _ => "30s",
    };

    /// <summary>The stall timeout in seconds, or a one-line error.</summary>
    public static double StallSeconds(string text) =>
        Duration.TryParse(text) is { } t && t > TimeSpan.Zero
            ? t.TotalSeconds
            : throw CliError.BadInput($"invalid value \"{text}\" for --timeout: expected a duration such as 30s or 2m");

    /// <summary>The absolute path of a mountpoint argument, without resolving symlinks (a dead mount cannot be resolved).</summary>
    public static string FullPath(string path)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        return full.Length == 0 ? "/" : full;
    }
}
