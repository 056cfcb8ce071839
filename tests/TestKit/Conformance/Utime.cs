using GatewayFs.Fs;

namespace GatewayFs.TestKit.Conformance;

/// <summary>Special values for <see cref="IFsSession.UtimensAsync"/>.</summary>
public static class Utime
{
    /// <summary>Set the time to now (UTIME_NOW).</summary>
    public static readonly FsTime Now = new(-1, uint.MaxValue);
}
