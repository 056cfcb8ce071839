namespace GatewayFs.Bench.CacheEngine;

/// <summary>Latency samples in microseconds and their percentiles.</summary>
public sealed class Percentiles
{
    private readonly List<double> _us = new();

    public void Add(double microseconds) => _us.Add(microseconds);

    public int Count => _us.Count;

    public void AddRange(Percentiles other) => _us.AddRange(other._us);

    public double P(double q)
    {
        if (_us.Count == 0) return double.NaN;
        var sorted = _us.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
    }

    public override string ToString() => $"p50 {P(0.5):0} µs, p99 {P(0.99):0} µs (n={Count})";
}
