namespace GatewayFs.Cli.Daemon;

/// <summary>Tells whoever started the daemon that the mount is ready, or why it failed.</summary>
internal interface IReadyReporter
{
    /// <summary>The mount is up and answers on its control socket.</summary>
    void Ready(string message);

    /// <summary>The mount failed; nothing is mounted. <paramref name="exitCode"/> is the process exit code.</summary>
    void Failed(int exitCode, string message);

    /// <summary>The daemon begins to stop (systemd: STOPPING=1).</summary>
    void Stopping();
}
