using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GatewayFs.Fs.Windows;

/// <summary>Settings of one WinFsp mount; every one has a working default.</summary>
public sealed record WinFspMountOptions
{
    /// <summary>Volume label shown by Explorer (at most 32 characters).</summary>
    public string VolumeLabel { get; init; } = "gatewayfs";

    /// <summary>File system name reported to Windows (at most 15 characters).</summary>
    public string FileSystemName { get; init; } = "gatewayfs";

    /// <summary>How long the WinFsp kernel driver may cache file information.</summary>
    public TimeSpan FileInfoTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Dispatcher threads; 0 lets WinFsp choose.</summary>
    public uint ThreadCount { get; init; }

    /// <summary>Owner and umask used for files and directories created from Windows.</summary>
    public FsCaller Caller { get; init; } = FsCaller.Self;

    /// <summary>Sector size reported to Windows (the allocation unit is one sector).</summary>
    public ushort SectorSize { get; init; } = 4096;

    /// <summary>The security descriptor every node reports (self-relative form).</summary>
    public byte[] SecurityDescriptor { get; init; } = SecurityDescriptors.Default;

    /// <summary>Where the adapter logs errors it cannot report to Windows (cleanup, close).</summary>
    public ILogger Logger { get; init; } = NullLogger.Instance;
}
