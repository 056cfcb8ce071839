namespace GatewayFs.Fs;

/// <summary>A POSIX timestamp: seconds and nanoseconds since the Unix epoch.</summary>
public readonly record struct FsTime(long Seconds, uint Nanoseconds) : IComparable<FsTime>
{
    /// <summary>The current wall-clock time.</summary>
    public static FsTime Now => FromDateTimeOffset(DateTimeOffset.UtcNow);

    /// <summary>Converts from a <see cref="DateTimeOffset"/> (100 ns resolution).</summary>
    public static FsTime FromDateTimeOffset(DateTimeOffset t)
    {
        long ticks = t.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        long sec = Math.DivRem(ticks, TimeSpan.TicksPerSecond, out long rem);
        if (rem < 0) { sec--; rem += TimeSpan.TicksPerSecond; }
        return new FsTime(sec, (uint)(rem * 100));
    }

    /// <summary>Converts to a <see cref="DateTimeOffset"/> (truncates to 100 ns).</summary>
    public DateTimeOffset ToDateTimeOffset() =>
        DateTimeOffset.UnixEpoch.AddTicks(Seconds * TimeSpan.TicksPerSecond + Nanoseconds / 100);

    /// <inheritdoc />
    public int CompareTo(FsTime other) =>
        Seconds != other.Seconds ? Seconds.CompareTo(other.Seconds) : Nanoseconds.CompareTo(other.Nanoseconds);

    /// <summary>True when <paramref name="a"/> is earlier than <paramref name="b"/>.</summary>
    public static bool operator <(FsTime a, FsTime b) => a.CompareTo(b) < 0;
    /// <summary>True when <paramref name="a"/> is later than <paramref name="b"/>.</summary>
    public static bool operator >(FsTime a, FsTime b) => a.CompareTo(b) > 0;
    /// <summary>True when <paramref name="a"/> is not later than <paramref name="b"/>.</summary>
    public static bool operator <=(FsTime a, FsTime b) => a.CompareTo(b) <= 0;
    /// <summary>True when <paramref name="a"/> is not earlier than <paramref name="b"/>.</summary>
    public static bool operator >=(FsTime a, FsTime b) => a.CompareTo(b) >= 0;
}
