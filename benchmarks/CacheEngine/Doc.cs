namespace GatewayFs.Bench.CacheEngine;

/// <summary>Replaces the measured part of our section in docs/BENCHMARKS.md, keeping the analysis below it.</summary>
public static class Doc
{
    public const string BeginMarker = "<!-- cacheengine-results:begin -->";
    public const string EndMarker = "<!-- cacheengine-results:end -->";

    public static void ReplaceSection(string path, string heading, string results)
    {
        string text = File.ReadAllText(path);
        string block = BeginMarker + "\n" + results.TrimEnd() + "\n" + EndMarker;
        int b = text.IndexOf(BeginMarker, StringComparison.Ordinal);
        int e = text.IndexOf(EndMarker, StringComparison.Ordinal);
        if (b >= 0 && e > b)
        {
            text = text[..b] + block + text[(e + EndMarker.Length)..];
        }
        else
        {
            int h = text.IndexOf(heading, StringComparison.Ordinal);
            if (h < 0) throw new InvalidOperationException($"{path} has no '{heading}' heading to put the results under");
            int at = h + heading.Length;
            text = text[..at] + "\n\n" + block + "\n" + text[at..];
        }
        File.WriteAllText(path, text);
    }
}
