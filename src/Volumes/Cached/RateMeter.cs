namespace GatewayFs.Volumes.Cached;

/// <summary>Bytes per second over the last few seconds, in one-second buckets.</summary>
internal sealed class RateMeter
{
    private const int Buckets = 8;
    private readonly long[] _bytes = new long[Buckets];
    private readonly long[] _second = new long[Buckets];
    private readonly object _lock = new();

    public void Add(long bytes)
    {
        long now = Environment.TickCount64 / 1000;
        lock (_lock)
        {
            int i = (int)(now % Buckets);
            if (_second[i] != now) { _second[i] = now; _bytes[i] = 0; }
            _bytes[i] += bytes;
        }
    }

    /// <summary>Average over the last <c>Buckets - 1</c> whole seconds.</summary>
    public double PerSecond()
    {
        long now = Environment.TickCount64 / 1000;
        long sum = 0;
        lock (_lock)
        {
            for (int i = 0; i < Buckets; i++)
                if (_second[i] < now && _second[i] >= now - (Buckets - 1)) sum += _bytes[i];
        }
        return sum / (double)(Buckets - 1);
    }
}
