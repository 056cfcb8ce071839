namespace GatewayFs.Cli.Settings;

/// <summary>How a setting's text is parsed.</summary>
internal enum SettingKind
{
    /// <summary>Free text.</summary>
    Text,
    /// <summary>A filesystem path, made absolute against the working directory.</summary>
    Path,
    /// <summary>An http(s) URL.</summary>
    Url,
    /// <summary>A byte size: 10G, 512MiB, 1048576.</summary>
    Size,
    /// <summary>A duration: 5s, 250ms, 2m, 1h.</summary>
    Duration,
    /// <summary>true/false (also yes/no, on/off, 1/0); a bare flag means true.</summary>
    Flag,
    /// <summary>A non-negative integer id.</summary>
    Id,
    /// <summary>Octal permission bits: 644, 0755.</summary>
    Mode,
    /// <summary>trace, debug, information, warning, error, critical.</summary>
    LogLevel,
    /// <summary>ADDRESS:PORT, [IPv6]:PORT or :PORT.</summary>
    Endpoint,
}
