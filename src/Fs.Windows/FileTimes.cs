namespace GatewayFs.Fs.Windows;

/// <summary>FILETIME (100 ns ticks since 1601-01-01 UTC) to and from <see cref="FsTime"/>.</summary>
public static class FileTimes
{
    /// <summary>Seconds from 1601-01-01 to 1970-01-01.</summary>
    public const long EpochDifferenceSeconds = 11_644_473_600;

    private const long TicksPerSecond = 10_000_000;

    /// <summary>The FILETIME of <paramref name="t"/>; times before 1601 clamp to 0.</summary>
    public static ulong ToFileTime(FsTime t)
    {
        long seconds = t.Seconds + EpochDifferenceSeconds;
        if (seconds < 0) return 0;
        if (seconds > long.MaxValue / TicksPerSecond - 1) return long.MaxValue;
        return (ulong)(seconds * TicksPerSecond + t.Nanoseconds / 100);
    }

    /// <summary>The <see cref="FsTime"/> of a FILETIME (exact: FILETIME is coarser).</summary>
    public static FsTime FromFileTime(ulong fileTime)
    {
        ulong seconds = fileTime / TicksPerSecond;
        uint ns = (uint)(fileTime % TicksPerSecond) * 100;
        return new FsTime((long)seconds - EpochDifferenceSeconds, ns);
    }
}
