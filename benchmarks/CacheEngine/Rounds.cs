namespace GatewayFs.Bench.CacheEngine;

/// <summary>
/// Every number of one measurement round by name; across rounds, medians. Ratios are taken
/// within a round (ours and raw measured minutes apart on the same disk) and then the median,
/// which keeps a noisy shared machine from pairing a fast raw number with a slow one of ours.
/// </summary>
public sealed class Rounds
{
    private readonly List<Dictionary<string, double>> _rounds = new();

    public Dictionary<string, double> NewRound()
    {
        var round = new Dictionary<string, double>();
        _rounds.Add(round);
        return round;
    }

    public int Count => _rounds.Count;

    public double this[string key] => Median(_rounds.Select(r => r[key]));

    public double Ratio(string ours, string raw) => Median(_rounds.Select(r => r[ours] / r[raw]));

    /// <summary>All rounds' values of a key, for showing the spread.</summary>
    public string Spread(string key) => string.Join(" / ", _rounds.Select(r => r[key].ToString("0")));

    private static double Median(IEnumerable<double> values)
    {
        var v = values.Order().ToList();
        return v.Count % 2 == 1 ? v[v.Count / 2] : (v[v.Count / 2 - 1] + v[v.Count / 2]) / 2;
    }
}
