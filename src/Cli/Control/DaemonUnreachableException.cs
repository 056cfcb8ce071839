namespace GatewayFs.Cli.Control;

/// <summary>The daemon of a mount did not answer on its control socket.</summary>
internal sealed class DaemonUnreachableException(string message, Exception? inner = null) : Exception(message, inner);
