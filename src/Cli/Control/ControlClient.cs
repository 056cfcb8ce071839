using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace GatewayFs.Cli.Control;

/// <summary>The CLI's end of a daemon's control socket.</summary>
internal static class ControlClient
{
    /// <summary>
    /// Sends <paramref name="request"/> and yields the reply lines until the daemon closes the
    /// connection. Throws <see cref="DaemonUnreachableException"/> when nobody answers at <paramref name="socketPath"/>.
    /// </summary>
    public static async IAsyncEnumerable<ControlReply> SendAsync(string socketPath, ControlRequest request,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            using var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            connectTimeout.CancelAfter(TimeSpan.FromSeconds(10));
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), connectTimeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            socket.Dispose();
            throw new DaemonUnreachableException($"no daemon answers on {socketPath} ({e.Message})", e);
        }
        await using var stream = new NetworkStream(socket, ownsSocket: true);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var line = JsonSerializer.Serialize(request, ControlJson.Default.ControlRequest) + "\n";
        await stream.WriteAsync(Encoding.UTF8.GetBytes(line), ct).ConfigureAwait(false);
        while (true)
        {
            string? replyLine;
            try
            {
                replyLine = await reader.ReadLineAsync(ct).ConfigureAwait(false);
            }
            catch (IOException e)
            {
                throw new DaemonUnreachableException($"the daemon closed the connection ({e.Message})", e);
            }
            if (replyLine is null) yield break;
            var reply = JsonSerializer.Deserialize(replyLine, ControlJson.Default.ControlReply);
            if (reply is not null) yield return reply;
        }
    }

    /// <summary>One request that is answered by one line (status).</summary>
    public static async Task<ControlReply> AskAsync(string socketPath, ControlRequest request, CancellationToken ct)
    {
        await foreach (var reply in SendAsync(socketPath, request, ct).ConfigureAwait(false)) return reply;
        throw new DaemonUnreachableException($"the daemon on {socketPath} closed the connection without an answer");
    }
}
