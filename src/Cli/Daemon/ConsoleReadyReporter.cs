namespace GatewayFs.Cli.Daemon;

/// <summary>Foreground mode: failures go to stderr as one line (the log already shows readiness); systemd is told too.</summary>
internal sealed class ConsoleReadyReporter(IReadyReporter also) : IReadyReporter
{
    public void Ready(string message) => also.Ready(message);

    public void Failed(int exitCode, string message)
    {
        Console.Error.WriteLine($"gatewayfs: {message}");
        also.Failed(exitCode, message);
    }

    public void Stopping() => also.Stopping();
}
