using GatewayFs.Cli.Settings;
using Xunit;

namespace GatewayFs.Tests.Cli.Settings;

public sealed class ValueParsingTests
{
    [Theory]
    [InlineData("10G", 10L << 30)]
    [InlineData("10GiB", 10L << 30)]
    [InlineData("512MiB", 512L << 20)]
    [InlineData("512m", 512L << 20)]
    [InlineData("1.5T", 3L << 39)]
    [InlineData("10GB", 10_000_000_000L)]
    [InlineData("4096", 4096L)]
    [InlineData("4096B", 4096L)]
    [InlineData(" 64 MiB ", 64L << 20)]
    [InlineData("0", 0L)]
    public void Sizes_parse(string text, long expected) => Assert.Equal(expected, ByteSize.TryParse(text));

    [Theory]
    [InlineData("-1G")]
    [InlineData("+1G")]
    [InlineData("G")]
    [InlineData("ten")]
    [InlineData("1X")]
    [InlineData("99999999999T")]
    [InlineData("")]
    public void Bad_sizes_are_refused(string text) => Assert.Null(ByteSize.TryParse(text));

    [Theory]
    [InlineData("5s", 5_000)]
    [InlineData("250ms", 250)]
    [InlineData("2m", 120_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("0", 0)]
    public void Durations_parse(string text, int expectedMs) => Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), Duration.TryParse(text));

    [Theory]
    [InlineData("5")]
    [InlineData("-5s")]
    [InlineData("s")]
    [InlineData("five seconds")]
    public void Bad_durations_are_refused(string text) => Assert.Null(Duration.TryParse(text));

    [Theory]
    [InlineData("127.0.0.1:9100", "127.0.0.1", 9100)]
    [InlineData(":9100", "+", 9100)]
    [InlineData("0.0.0.0:80", "+", 80)]
    [InlineData("9100", "127.0.0.1", 9100)]
    [InlineData("[::1]:9100", "[::1]", 9100)]
    public void Metrics_addresses_parse(string text, string host, int port)
    {
        var a = MetricsAddress.TryParse(text);
        Assert.NotNull(a);
        Assert.Equal(host, a.Host);
        Assert.Equal(port, a.Port);
    }

    [Theory]
    [InlineData("host:0")]
    [InlineData("host:70000")]
    [InlineData("host:")]
    [InlineData("a b:80")]
    public void Bad_metrics_addresses_are_refused(string text) => Assert.Null(MetricsAddress.TryParse(text));

    [Fact]
    public void Sizes_format_round_trip_through_parse()
    {
        foreach (var bytes in new[] { 0L, 1023L, 1L << 20, 3L << 30, 5L << 40 })
        {
            var text = ByteSize.Format(bytes).Replace(" ", "");
            Assert.Equal(bytes, ByteSize.TryParse(text));
        }
    }
}
