using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace GatewayFs.TestKit.S3;

/// <summary>
/// An HTTP/1.1 proxy on loopback in front of an S3 server (s3rver) that injects faults
/// switchable at runtime: latency on every request, error answers (5xx, 429, 403), connection
/// resets and blackholes on the requests a rule selects. Counts requests by S3 operation.
/// Plain sockets, one upstream connection per client connection, bodies streamed.
/// </summary>
public sealed partial class FaultProxy : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly Uri _upstream;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<TcpClient, byte> _clients = new();
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _accessKeys = new(StringComparer.Ordinal);
    private readonly object _ruleLock = new();
    private readonly Task _acceptLoop;
    private FaultRule? _rule;
    private long _latencyTicks;
    private int _injected;

    private FaultProxy(Uri upstream)
    {
        _upstream = upstream;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Endpoint = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");
        _acceptLoop = AcceptLoopAsync();
    }

    /// <summary>Starts a proxy forwarding to <paramref name="upstream"/> (e.g. <see cref="S3rverFixture.Endpoint"/>).</summary>
    public static FaultProxy Start(Uri upstream) => new(upstream);

    /// <summary>Where clients connect, e.g. <c>http://127.0.0.1:40001</c>.</summary>
    public Uri Endpoint { get; }

    /// <summary>Delay added before each request is handled.</summary>
    public TimeSpan Latency
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _latencyTicks));
        set => Interlocked.Exchange(ref _latencyTicks, value.Ticks);
    }

    /// <summary>Requests seen in all.</summary>
    public int TotalRequests => _counts.Values.Sum();

    /// <summary>Faults injected in all.</summary>
    public int InjectedFaults => Volatile.Read(ref _injected);

    /// <summary>Requests seen of one kind (GetObject, PutObject, UploadPart, ListObjects, HeadObject, …).</summary>
    public int Count(string kind) => _counts.GetValueOrDefault(kind);

    /// <summary>A copy of the counts by kind.</summary>
    public IReadOnlyDictionary<string, int> Counts => new Dictionary<string, int>(_counts);

    /// <summary>
    /// Access key ids seen in SigV4 Authorization headers (<c>(anonymous)</c> for unsigned
    /// requests): how credential tests see which credentials a client used.
    /// </summary>
    public IReadOnlyCollection<string> AccessKeyIds => _accessKeys.Keys.ToList();

    /// <summary>Applies <paramref name="fault"/> to the next <paramref name="count"/> matching requests.</summary>
    public void FailNext(int count, Fault fault, Func<ProxyRequest, bool>? match = null) => SetRule(FaultRule.Next(count, fault, match));

    /// <summary>Applies <paramref name="fault"/> to every <paramref name="nth"/> matching request.</summary>
    public void FailEvery(int nth, Fault fault, Func<ProxyRequest, bool>? match = null) => SetRule(FaultRule.Every(nth, fault, match));

    /// <summary>Applies <paramref name="fault"/> to each matching request with a probability (reproducible by seed).</summary>
    public void FailWithProbability(double probability, Fault fault, int seed = 1, Func<ProxyRequest, bool>? match = null) =>
        SetRule(FaultRule.WithProbability(probability, seed, fault, match));

    /// <summary>Applies <paramref name="fault"/> to all matching requests until <see cref="Clear"/>.</summary>
    public void FailAlways(Fault fault, Func<ProxyRequest, bool>? match = null) => SetRule(FaultRule.Always(fault, match));

    /// <summary>Forwards everything again (latency stays as set).</summary>
    public void Clear() => SetRule(null);

    /// <summary>Resets the request counters.</summary>
    public void ResetCounts() => _counts.Clear();

    /// <summary>Stops listening and closes every connection, blackholed ones included.</summary>
    public async ValueTask DisposeAsync()
    {
        _stopping.Cancel();
        _listener.Stop();
        foreach (TcpClient client in _clients.Keys) client.Dispose();
        try
        {
            await _acceptLoop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The loop ends by cancellation.
        }
        _stopping.Dispose();
    }

    private void SetRule(FaultRule? rule)
    {
        lock (_ruleLock) _rule = rule;
    }

    private void RememberCredential(string? authorization)
    {
        const string marker = "Credential=";
        int at = authorization?.IndexOf(marker, StringComparison.Ordinal) ?? -1;
        if (authorization is null || at < 0)
        {
            _accessKeys.TryAdd("(anonymous)", 0);
            return;
        }
        int start = at + marker.Length;
        int end = authorization.IndexOf('/', start);
        _accessKeys.TryAdd(end < 0 ? authorization[start..] : authorization[start..end], 0);
    }

    private Fault? Decide(ProxyRequest request)
    {
        _counts.AddOrUpdate(request.Kind, 1, (_, n) => n + 1);
        Fault? fault;
        lock (_ruleLock) fault = _rule?.Decide(request);
        if (fault is not null) Interlocked.Increment(ref _injected);
        return fault;
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
            {
                return; // listener stopped
            }
            _clients[client] = 0;
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        try
        {
            await ServeConnectionAsync(client, _stopping.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The client or the upstream went away mid-message: the connection ends, as a real one would.
        }
        finally
        {
            _clients.TryRemove(client, out _);
            client.Dispose();
        }
    }
}
