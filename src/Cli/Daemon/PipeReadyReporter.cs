using System.Text;
using GatewayFs.Cli.Native;

namespace GatewayFs.Cli.Daemon;

/// <summary>
/// The daemon child's report to the `gatewayfs mount` that started it: one line on a pipe
/// (<c>ready MESSAGE</c> or <c>error CODE MESSAGE</c>), then the pipe is closed so that the
/// parent can exit and the terminal is free.
/// </summary>
internal sealed class PipeReadyReporter(int fd, IReadyReporter? also) : IReadyReporter
{
    private int _fd = fd;

    public const string ReadyWord = "ready";
    public const string ErrorWord = "error";

    public void Ready(string message)
    {
        Send($"{ReadyWord} {message}");
        also?.Ready(message);
    }

    public void Failed(int exitCode, string message)
    {
        Send($"{ErrorWord} {exitCode} {message.ReplaceLineEndings(" ")}");
        also?.Failed(exitCode, message);
    }

    public void Stopping() => also?.Stopping();

    private void Send(string line)
    {
        var fd = Interlocked.Exchange(ref _fd, -1);
        if (fd < 0) return;
        // The parent may have died meanwhile (Ctrl+C); the mount's fate does not depend on this line.
        Libc.WriteAll(fd, Encoding.UTF8.GetBytes(line + "\n"));
        Libc.close(fd);
    }
}
