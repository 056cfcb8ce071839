using System.Globalization;

namespace GatewayFs.Cli.Settings;

/// <summary>Where the Prometheus endpoint listens; <see cref="Host"/> "+" means every address.</summary>
internal sealed record MetricsAddress(string Host, int Port)
{
    /// <summary>Parses <c>ADDRESS:PORT</c>, <c>[IPv6]:PORT</c>, <c>:PORT</c> or <c>PORT</c>; null when malformed.</summary>
    public static MetricsAddress? TryParse(string text)
    {
        var t = text.Trim();
        var colon = t.LastIndexOf(':');
        var host = colon < 0 ? "127.0.0.1" : t[..colon];
        var portText = colon < 0 ? t : t[(colon + 1)..];
        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535) return null;
        if (host is "" or "*" or "0.0.0.0" or "[::]") host = "+";
        if (host.Contains(' ') || host.Contains('/')) return null;
        return new MetricsAddress(host, port);
    }

    /// <summary>The URL a scraper uses (with 127.0.0.1 for "every address").</summary>
    public string ScrapeUrl => $"http://{(Host == "+" ? "127.0.0.1" : Host)}:{Port}/metrics";

    /// <inheritdoc />
    public override string ToString() => $"{(Host == "+" ? "" : Host)}:{Port}";
}
