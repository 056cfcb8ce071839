namespace GatewayFs.Cli;

/// <summary>
/// A failure to report to the user as one line (what is wrong and what to do), with the
/// process exit code. Anything else that escapes a command is a bug and is shown with its type.
/// </summary>
internal sealed class CliError : Exception
{
    /// <summary>Exit code for bad input: unknown options, bad values, wrong mountpoint.</summary>
    public const int Usage = 2;

    /// <summary>Exit code for an operation that could not be done (store unreachable, daemon gone).</summary>
    public const int Failed = 1;

    public CliError(string message, int exitCode = Failed, Exception? inner = null) : base(message, inner) => ExitCode = exitCode;

    /// <summary>Non-zero process exit code.</summary>
    public int ExitCode { get; }

    /// <summary>A bad-input error (exit code 2).</summary>
    public static CliError BadInput(string message) => new(message, Usage);
}
