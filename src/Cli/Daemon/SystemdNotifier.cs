using System.Net.Sockets;
using System.Text;

namespace GatewayFs.Cli.Daemon;

/// <summary>
/// sd_notify(3) for <c>Type=notify</c> systemd units: datagrams to <c>$NOTIFY_SOCKET</c>.
/// Does nothing when the variable is unset.
/// </summary>
internal sealed class SystemdNotifier(string? socketPath) : IReadyReporter
{
    public static SystemdNotifier FromEnvironment() => new(Environment.GetEnvironmentVariable("NOTIFY_SOCKET"));

    public void Ready(string message) => Send($"READY=1\nMAINPID={Environment.ProcessId}\nSTATUS={message}");

    public void Failed(int exitCode, string message) => Send($"STATUS={message}\nERRNO={exitCode}");

    public void Stopping() => Send("STOPPING=1");

    private void Send(string text)
    {
        if (string.IsNullOrEmpty(socketPath)) return;
        // An abstract socket name is given with a leading '@'.
        var path = socketPath[0] == '@' ? "\0" + socketPath[1..] : socketPath;
        using var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        socket.Connect(new UnixDomainSocketEndPoint(path));
        socket.Send(Encoding.UTF8.GetBytes(text));
    }
}
