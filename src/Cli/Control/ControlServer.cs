using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace GatewayFs.Cli.Control;

/// <summary>
/// The daemon's end of the control socket: a Unix domain stream socket (mode 0600) that takes one
/// JSON request line per connection and answers with JSON lines (see <see cref="ControlReply"/>).
/// </summary>
internal sealed class ControlServer : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly string _path;
    private readonly Func<ControlRequest, Func<ControlReply, Task>, CancellationToken, Task> _handler;
    private readonly ILogger _log;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;

    private ControlServer(Socket listener, string path, Func<ControlRequest, Func<ControlReply, Task>, CancellationToken, Task> handler, ILogger log)
    {
        _listener = listener;
        _path = path;
        _handler = handler;
        _log = log;
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>
    /// Binds <paramref name="path"/> (replacing a stale socket file) and starts answering; <paramref name="handler"/>
    /// handles one request and calls its reply callback for each line to send.
    /// </summary>
    public static ControlServer Start(string path, Func<ControlRequest, Func<ControlReply, Task>, CancellationToken, Task> handler, ILogger log)
    {
        RuntimePaths.CreatePrivateDirectory(Path.GetDirectoryName(path)!);
        // A socket file left by a dead daemon blocks bind; the cache-directory lock proves it is not in use.
        if (File.Exists(path)) File.Delete(path);
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            listener.Bind(new UnixDomainSocketEndPoint(path));
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            listener.Listen(16);
        }
        catch
        {
            listener.Dispose();
            throw;
        }
        return new ControlServer(listener, path, handler, log);
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException && _stop.IsCancellationRequested)
            {
                return;
            }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(Socket client)
    {
        await using var stream = new NetworkStream(client, ownsSocket: true);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        await using var writer = new StreamWriter(stream, new UTF8Encoding(false)) { AutoFlush = true, NewLine = "\n" };
        try
        {
            var line = await reader.ReadLineAsync(_stop.Token).ConfigureAwait(false);
            if (line is null) return;
            ControlRequest? request;
            try
            {
                request = JsonSerializer.Deserialize(line, ControlJson.Default.ControlRequest);
            }
            catch (JsonException e)
            {
                await writer.WriteLineAsync(Serialize(ControlReply.Error($"bad request: {e.Message}"))).ConfigureAwait(false);
                return;
            }
            if (request is null) return;
            _log.LogDebug("control request {Op}", request.Op);
            await _handler(request, reply => writer.WriteLineAsync(Serialize(reply)), _stop.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
        {
            // The client went away (Ctrl+C on `gatewayfs flush`) or the daemon is stopping; the operation itself is not affected.
            _log.LogDebug("control connection ended: {Reason}", e.Message);
        }
        catch (Exception e)
        {
            _log.LogError(e, "control request failed");
            try
            {
                await writer.WriteLineAsync(Serialize(ControlReply.Error($"internal error: {e.Message}"))).ConfigureAwait(false);
            }
            catch (IOException)
            {
                // Client gone as well; the error is in the log.
            }
        }
    }

    private static string Serialize(ControlReply reply) => JsonSerializer.Serialize(reply, ControlJson.Default.ControlReply);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Dispose();
        await _acceptLoop.ConfigureAwait(false);
        if (File.Exists(_path)) File.Delete(_path);
        _stop.Dispose();
    }
}
