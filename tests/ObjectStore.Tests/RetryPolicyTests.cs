using GatewayFs.ObjectStore;
using Xunit;

namespace GatewayFs.Tests.ObjectStore;

public sealed class RetryPolicyTests
{
    private static readonly RetryPolicy Policy = new()
    {
        BaseDelay = TimeSpan.FromMilliseconds(100),
        MaxDelay = TimeSpan.FromSeconds(2),
    };

    [Theory]
    [InlineData(1, 100)]
    [InlineData(2, 200)]
    [InlineData(3, 400)]
    [InlineData(5, 1600)]
    [InlineData(6, 2000)]   // capped
    [InlineData(500, 2000)] // no overflow on long runs
    public void The_ceiling_doubles_per_retry_up_to_the_cap(int retry, int ceilingMs)
    {
        Assert.Equal(TimeSpan.Zero, Policy.DelayBeforeRetry(retry, 0.0));
        Assert.Equal(ceilingMs / 2.0, Policy.DelayBeforeRetry(retry, 0.5).TotalMilliseconds, 3);
        Assert.True(Policy.DelayBeforeRetry(retry, 0.999999) < TimeSpan.FromMilliseconds(ceilingMs));
    }

    [Fact]
    public void Full_jitter_spreads_delays_over_the_whole_range()
    {
        var random = new Random(5);
        double[] delays = Enumerable.Range(0, 2000).Select(_ => Policy.DelayBeforeRetry(4, random.NextDouble()).TotalMilliseconds).ToArray();
        Assert.True(delays.Min() < 50, $"min {delays.Min()}");
        Assert.True(delays.Max() > 750, $"max {delays.Max()}");
        Assert.InRange(delays.Average(), 350, 450); // uniform on [0, 800)
    }

    [Fact]
    public void Unusable_policies_are_refused_with_the_reason()
    {
        var e = Assert.Throws<ArgumentException>(() => (RetryPolicy.Default with { MaxAttempts = 0 }).Validate());
        Assert.Contains("MaxAttempts", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Policy.DelayBeforeRetry(0, 0.5));
    }
}
