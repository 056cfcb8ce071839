using CsCheck;
using GatewayFs.Fs;
using Xunit;

namespace GatewayFs.Tests.Fs.Abstractions;

public class FsTimeTests
{
    [Fact]
    public void The_epoch_is_zero()
    {
        Assert.Equal(new FsTime(0, 0), FsTime.FromDateTimeOffset(DateTimeOffset.UnixEpoch));
        Assert.Equal(DateTimeOffset.UnixEpoch, new FsTime(0, 0).ToDateTimeOffset());
    }

    [Fact]
    public void Times_before_the_epoch_keep_nanoseconds_positive()
    {
        // 100 ns before the epoch is second -1 plus 999,999,900 ns, as struct timespec has it.
        var t = FsTime.FromDateTimeOffset(DateTimeOffset.UnixEpoch.AddTicks(-1));
        Assert.Equal(new FsTime(-1, 999_999_900), t);
        Assert.Equal(new FsTime(-2, 500_000_000), FsTime.FromDateTimeOffset(DateTimeOffset.UnixEpoch.AddSeconds(-1.5)));
        Assert.Equal(DateTimeOffset.UnixEpoch.AddTicks(-1), t.ToDateTimeOffset());
    }

    [Fact]
    public void A_known_date_converts_both_ways()
    {
        var date = new DateTimeOffset(2024, 2, 29, 12, 34, 56, TimeSpan.FromHours(2)).AddTicks(1234567);
        var t = FsTime.FromDateTimeOffset(date);
        Assert.Equal(1_709_202_896, t.Seconds); // 10:34:56 UTC
        Assert.Equal(123_456_700u, t.Nanoseconds);
        Assert.Equal(date.UtcDateTime, t.ToDateTimeOffset().UtcDateTime);
    }

    [Fact]
    public void Conversion_to_DateTimeOffset_truncates_to_100_ns()
    {
        Assert.Equal(DateTimeOffset.UnixEpoch.AddTicks(1), new FsTime(0, 199).ToDateTimeOffset());
        Assert.Equal(DateTimeOffset.UnixEpoch.AddSeconds(5).AddTicks(9_999_999), new FsTime(5, 999_999_999).ToDateTimeOffset());
    }

    [Fact]
    public void Every_tick_in_range_round_trips() =>
        Gen.Long[DateTimeOffset.MinValue.UtcTicks, DateTimeOffset.MaxValue.UtcTicks].Sample(ticks =>
        {
            var d = new DateTimeOffset(ticks, TimeSpan.Zero);
            var t = FsTime.FromDateTimeOffset(d);
            Assert.InRange(t.Nanoseconds, 0u, 999_999_900u);
            Assert.Equal(0u, t.Nanoseconds % 100);
            Assert.Equal(d, t.ToDateTimeOffset());
        });

    [Fact]
    public void Ordering_follows_seconds_then_nanoseconds() =>
        Gen.Select(Gen.Long[-5, 5], Gen.UInt[0, 999_999_999], Gen.Long[-5, 5], Gen.UInt[0, 999_999_999]).Sample((s1, n1, s2, n2) =>
        {
            var a = new FsTime(s1, n1);
            var b = new FsTime(s2, n2);
            decimal da = s1 + n1 / 1e9m, db = s2 + n2 / 1e9m;
            Assert.Equal(da.CompareTo(db), Math.Sign(a.CompareTo(b)));
            Assert.Equal(da < db, a < b);
            Assert.Equal(da > db, a > b);
            Assert.Equal(da <= db, a <= b);
            Assert.Equal(da >= db, a >= b);
        });

    [Fact]
    public void Now_is_the_wall_clock()
    {
        var before = FsTime.FromDateTimeOffset(DateTimeOffset.UtcNow);
        var now = FsTime.Now;
        var after = FsTime.FromDateTimeOffset(DateTimeOffset.UtcNow);
        Assert.True(before <= now && now <= after);
    }
}
