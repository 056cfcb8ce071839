namespace GatewayFs.TestKit.S3;

/// <summary>
/// When a fault applies: to the next N matching requests, to every Nth, with a probability,
/// or to all until cleared. Only requests passing the filter count.
/// </summary>
internal sealed class FaultRule
{
    private readonly Fault _fault;
    private readonly Func<ProxyRequest, bool>? _match;
    private readonly Func<long, bool> _applies;
    private long _seen;

    private FaultRule(Fault fault, Func<ProxyRequest, bool>? match, Func<long, bool> applies)
    {
        _fault = fault;
        _match = match;
        _applies = applies;
    }

    public static FaultRule Next(int count, Fault fault, Func<ProxyRequest, bool>? match) => new(fault, match, n => n <= count);

    public static FaultRule Every(int nth, Fault fault, Func<ProxyRequest, bool>? match) => new(fault, match, n => n % nth == 0);

    public static FaultRule Always(Fault fault, Func<ProxyRequest, bool>? match) => new(fault, match, _ => true);

    public static FaultRule WithProbability(double probability, int seed, Fault fault, Func<ProxyRequest, bool>? match)
    {
        var random = new Random(seed);
        return new(fault, match, _ => random.NextDouble() < probability);
    }

    /// <summary>The fault for this request, or null to forward it. Called under the proxy's lock.</summary>
    public Fault? Decide(ProxyRequest request)
    {
        if (_match is not null && !_match(request)) return null;
        return _applies(++_seen) ? _fault : null;
    }
}
