using Microsoft.Extensions.Logging;

namespace GatewayFs.Cli.Settings;

/// <summary>Everything a mount needs, resolved and validated (see <see cref="SettingsResolver"/>).</summary>
internal sealed record MountSettings
{
    /// <summary>Absolute mountpoint path.</summary>
    public required string Mountpoint { get; init; }
    public string? Endpoint { get; init; }
    public string? Region { get; init; }
    /// <summary>Null: the embedded local object store.</summary>
    public string? Bucket { get; init; }
    /// <summary>Empty, or a prefix that ends with '/'.</summary>
    public string Prefix { get; init; } = "";
    public string? Profile { get; init; }
    /// <summary>Null: path style for custom endpoints, virtual host on AWS.</summary>
    public bool? PathStyle { get; init; }
    /// <summary>Absolute cache directory.</summary>
    public required string CacheDir { get; init; }
    public long CacheSize { get; init; }
    public long JournalSize { get; init; }
    public TimeSpan WriteBackDelay { get; init; }
    public bool ReadOnly { get; init; }
    public bool AllowOther { get; init; }
    public bool AllowNonEmpty { get; init; }
    public uint Uid { get; init; }
    public uint Gid { get; init; }
    public uint FileMode { get; init; }
    public uint DirMode { get; init; }
    public bool Foreground { get; init; }
    public LogLevel LogLevel { get; init; } = LogLevel.Information;
    public MetricsAddress? Metrics { get; init; }
    /// <summary>The config file that was read, if any.</summary>
    public string? ConfigFile { get; init; }

    /// <summary>True when no bucket is configured and the embedded local store is used.</summary>
    public bool UsesLocalStore => Bucket is null;

    /// <summary>Directory of the embedded local object store.</summary>
    public string LocalStoreDir => Path.Combine(CacheDir, "local-store");

    /// <summary>The daemon's log file.</summary>
    public string LogFile => Path.Combine(CacheDir, "gatewayfs.log");

    /// <summary>What the mount shows, e.g. <c>s3://bucket/prefix @ http://127.0.0.1:9000</c> or <c>local:/var/cache/…/local-store</c>.</summary>
    public string TargetDescription => UsesLocalStore
        ? $"local:{LocalStoreDir}"
        : $"s3://{Bucket}/{Prefix}" + (Endpoint is null ? "" : $" @ {Endpoint}");
}
