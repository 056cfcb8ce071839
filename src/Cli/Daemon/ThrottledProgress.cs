using GatewayFs.Volumes;

namespace GatewayFs.Cli.Daemon;

/// <summary>
/// Forwards flush progress to a control client at most a few times a second: the volume may
/// report per part, and the client only needs the latest numbers. Sends are serialized.
/// </summary>
internal sealed class ThrottledProgress : IProgress<FlushProgress>, IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);
    private readonly Func<FlushProgress, Task> _send;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _pump;
    private readonly Lock _lock = new();
    private FlushProgress? _latest;

    public ThrottledProgress(Func<FlushProgress, Task> send)
    {
        _send = send;
        _pump = Task.Run(PumpAsync);
    }

    public void Report(FlushProgress value)
    {
        lock (_lock) _latest = value;
    }

    private async Task PumpAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Interval, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            await SendLatestAsync().ConfigureAwait(false);
        }
        await SendLatestAsync().ConfigureAwait(false);
    }

    private Task SendLatestAsync()
    {
        FlushProgress? p;
        lock (_lock)
        {
            p = _latest;
            _latest = null;
        }
        return p is { } value ? _send(value) : Task.CompletedTask;
    }

    /// <summary>Sends the last report (if any) and stops.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _pump.ConfigureAwait(false);
        _stop.Dispose();
    }
}
