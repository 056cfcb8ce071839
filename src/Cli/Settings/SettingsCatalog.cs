namespace GatewayFs.Cli.Settings;

/// <summary>Every mount setting, in the order --help and docs/CONFIGURATION.md list them.</summary>
internal static class SettingsCatalog
{
    public static readonly SettingDefinition Endpoint = new("Endpoint", SettingKind.Url,
        "AWS S3 in --region",
        "S3-compatible endpoint URL, e.g. http://127.0.0.1:9000 or https://s3.eu-west-1.amazonaws.com.");
    public static readonly SettingDefinition Region = new("Region", SettingKind.Text,
        "the profile's region, else us-east-1",
        "Region used for request signing.");
    public static readonly SettingDefinition Bucket = new("Bucket", SettingKind.Text,
        "none: the embedded local store",
        "Bucket to mount; without it (and without --endpoint) the embedded local object store under the cache directory is used.");
    public static readonly SettingDefinition Prefix = new("Prefix", SettingKind.Text,
        "none (the whole bucket)",
        "Key prefix inside the bucket that the mount shows as its root, e.g. photos/2024.");
    public static readonly SettingDefinition Profile = new("Profile", SettingKind.Text,
        "AWS_PROFILE, else default",
        "AWS credentials profile (~/.aws/credentials, ~/.aws/config); credentials otherwise come from the standard AWS chain.");
    public static readonly SettingDefinition PathStyle = new("PathStyle", SettingKind.Flag,
        "true with --endpoint, false on AWS",
        "Address the bucket as ENDPOINT/BUCKET (path style) instead of BUCKET.ENDPOINT (virtual host).");
    public static readonly SettingDefinition CacheDir = new("CacheDir", SettingKind.Path,
        "~/.cache/gatewayfs/MOUNT-HASH (root: /var/cache/gatewayfs/MOUNT-HASH)",
        "Local directory for the block cache, the write-back journal, the log, the lock and the control socket; one mount at a time.");
    public static readonly SettingDefinition CacheSize = new("CacheSize", SettingKind.Size,
        "10G, at most half the free space",
        "Disk space for cached clean blocks, e.g. 10G or 512MiB.");
    public static readonly SettingDefinition JournalSize = new("JournalSize", SettingKind.Size,
        "4G, at most a quarter of the free space",
        "Disk space for acknowledged writes not yet uploaded; when full, writers wait, then get ENOSPC.");
    public static readonly SettingDefinition WriteBackDelay = new("WriteBackDelay", SettingKind.Duration,
        "2s",
        "How long after close a changed file waits before its upload starts, e.g. 5s or 500ms.");
    public static readonly SettingDefinition ReadOnly = new("ReadOnly", SettingKind.Flag,
        "false",
        "Mount read-only.");
    public static readonly SettingDefinition AllowOther = new("AllowOther", SettingKind.Flag,
        "false",
        "Let users other than the mounting one use the mount (FUSE allow_other).");
    public static readonly SettingDefinition AllowNonEmpty = new("AllowNonEmpty", SettingKind.Flag,
        "false",
        "Mount over a directory that is not empty (its files are hidden while mounted).");
    public static readonly SettingDefinition Uid = new("Uid", SettingKind.Id,
        "the mounting user",
        "Owner shown for objects that carry no uid metadata.");
    public static readonly SettingDefinition Gid = new("Gid", SettingKind.Id,
        "the mounting user's group",
        "Group shown for objects that carry no gid metadata.");
    public static readonly SettingDefinition FileMode = new("FileMode", SettingKind.Mode,
        "0644",
        "Permission bits (octal) for files that carry no mode metadata.");
    public static readonly SettingDefinition DirMode = new("DirMode", SettingKind.Mode,
        "0755",
        "Permission bits (octal) for directories that carry no mode metadata.");
    public static readonly SettingDefinition Foreground = new("Foreground", SettingKind.Flag,
        "false",
        "Stay attached to the terminal and log to stderr too, instead of running as a background daemon.");
    public static readonly SettingDefinition LogLevel = new("LogLevel", SettingKind.LogLevel,
        "information",
        "Least severe log level written: trace, debug, information, warning, error or critical.");
    public static readonly SettingDefinition Metrics = new("Metrics", SettingKind.Endpoint,
        "off",
        "Serve Prometheus metrics at http://ADDRESS:PORT/metrics, e.g. 127.0.0.1:9100 (:9100 for every address).");

    /// <summary>All settings.</summary>
    public static readonly IReadOnlyList<SettingDefinition> All =
    [
        Endpoint, Region, Bucket, Prefix, Profile, PathStyle, CacheDir, CacheSize, JournalSize, WriteBackDelay,
        ReadOnly, AllowOther, AllowNonEmpty, Uid, Gid, FileMode, DirMode, Foreground, LogLevel, Metrics,
    ];

    /// <summary>The setting with config key <paramref name="key"/> (case-insensitive), or null.</summary>
    public static SettingDefinition? ByKey(string key) =>
        All.FirstOrDefault(s => string.Equals(s.Key, key, StringComparison.OrdinalIgnoreCase));

    /// <summary>The setting with mount option name <paramref name="name"/>, or null.</summary>
    public static SettingDefinition? ByMountOption(string name) =>
        All.FirstOrDefault(s => string.Equals(s.MountOption, name, StringComparison.OrdinalIgnoreCase));
}
