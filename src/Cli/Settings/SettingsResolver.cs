using System.Collections;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using GatewayFs.Cli.Native;
using Microsoft.Extensions.Logging;

namespace GatewayFs.Cli.Settings;

/// <summary>
/// Stacks the setting layers (defaults &lt; config file &lt; environment &lt; command line),
/// parses every value and checks that the result can work. Each failure is one line that
/// names the value, where it came from and what to do.
/// </summary>
internal sealed partial class SettingsResolver
{
    /// <summary>Smallest cache or journal that makes sense (a few blocks plus FASTER's pages).</summary>
    public const long MinimumStoreSize = 64L << 20;

    private const long DefaultCacheSize = 10L << 30;
    private const long DefaultJournalSize = 4L << 30;

    private readonly Dictionary<SettingDefinition, SettingValue> _values = [];

    private SettingsResolver()
    {
    }

    /// <summary>
    /// Resolves the settings of a mount. <paramref name="commandLine"/> holds the values given on
    /// the command line (the fstab source and <c>-o</c> options first, then flags, so flags win).
    /// </summary>
    public static MountSettings Resolve(string mountpoint, string? configFile, IDictionary environment, IReadOnlyList<SettingValue> commandLine)
    {
        var resolver = new SettingsResolver();
        configFile ??= environment[SettingLayers.ConfigEnvVar] as string;
        if (string.IsNullOrEmpty(configFile)) configFile = null;
        else
        {
            configFile = Path.GetFullPath(configFile);
            resolver.Add(SettingLayers.FromConfigFile(configFile));
        }
        resolver.Add(SettingLayers.FromEnvironment(environment));
        resolver.Add(commandLine);
        return resolver.Build(mountpoint, configFile, environment);
    }

    private void Add(IEnumerable<SettingValue> layer)
    {
        foreach (var v in layer) _values[v.Setting] = v;
    }

    private MountSettings Build(string mountpoint, string? configFile, IDictionary environment)
    {
        if (string.IsNullOrWhiteSpace(mountpoint))
            throw CliError.BadInput("no mountpoint given; usage: gatewayfs mount MOUNTPOINT [options]");
        var mount = Path.TrimEndingDirectorySeparator(Path.GetFullPath(mountpoint));
        if (mount.Length == 0) mount = "/";

        var endpoint = Text(SettingsCatalog.Endpoint);
        if (endpoint is not null) endpoint = ValidateEndpoint(endpoint);
        var bucket = Text(SettingsCatalog.Bucket);
        if (endpoint is not null && bucket is null)
            throw CliError.BadInput($"{Where(SettingsCatalog.Endpoint)} is set but no bucket is: add --bucket NAME (or {SettingsCatalog.Bucket.EnvVar})");
        if (bucket is not null && (bucket.Contains('/') || bucket.Any(char.IsWhiteSpace) || bucket.Length > 255))
            throw CliError.BadInput($"bucket name \"{bucket}\" from {Where(SettingsCatalog.Bucket)} is not valid; give the bare bucket name and put a key prefix in --prefix");

        var cacheDir = Path.GetFullPath(Text(SettingsCatalog.CacheDir) ?? DefaultCacheDir(mount, environment));
        if (cacheDir == mount || cacheDir.StartsWith(mount + "/", StringComparison.Ordinal))
            throw CliError.BadInput($"cache directory {cacheDir} is inside the mountpoint {mount}; choose a --cache-dir outside it");

        var (cacheSize, journalSize) = Sizes(cacheDir);
        var euid = Libc.geteuid();

        return new MountSettings
        {
            Mountpoint = mount,
            Endpoint = endpoint,
            Region = Text(SettingsCatalog.Region),
            Bucket = bucket,
            Prefix = NormalizePrefix(Text(SettingsCatalog.Prefix)),
            Profile = Text(SettingsCatalog.Profile),
            PathStyle = Flag(SettingsCatalog.PathStyle),
            CacheDir = Path.TrimEndingDirectorySeparator(cacheDir),
            CacheSize = cacheSize,
            JournalSize = journalSize,
            WriteBackDelay = DurationValue(SettingsCatalog.WriteBackDelay) ?? TimeSpan.FromSeconds(2),
            ReadOnly = Flag(SettingsCatalog.ReadOnly) ?? false,
            AllowOther = Flag(SettingsCatalog.AllowOther) ?? false,
            AllowNonEmpty = Flag(SettingsCatalog.AllowNonEmpty) ?? false,
            Uid = Id(SettingsCatalog.Uid) ?? euid,
            Gid = Id(SettingsCatalog.Gid) ?? Libc.getegid(),
            FileMode = Mode(SettingsCatalog.FileMode) ?? Convert.ToUInt32("644", 8),
            DirMode = Mode(SettingsCatalog.DirMode) ?? Convert.ToUInt32("755", 8),
            Foreground = Flag(SettingsCatalog.Foreground) ?? false,
            LogLevel = Level(SettingsCatalog.LogLevel) ?? LogLevel.Information,
            Metrics = Metrics(SettingsCatalog.Metrics),
            ConfigFile = configFile,
        };
    }

    /// <summary>
    /// <c>~/.cache/gatewayfs/NAME-HASH</c> (root: <c>/var/cache/gatewayfs/NAME-HASH</c>), where NAME is
    /// the mountpoint path made readable and HASH the first 8 hex digits of its SHA-256.
    /// </summary>
    public static string DefaultCacheDir(string mountpoint, IDictionary environment)
    {
        string root;
        if (Libc.geteuid() == 0) root = "/var/cache/gatewayfs";
        else if (environment["XDG_CACHE_HOME"] is string xdg && xdg.Length > 0) root = Path.Combine(xdg, "gatewayfs");
        else root = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "gatewayfs");
        return Path.Combine(root, MountName(mountpoint));
    }

    /// <summary>A file-name-safe id of a mountpoint: readable part plus hash, e.g. <c>mnt-gw-1a2b3c4d</c>.</summary>
    public static string MountName(string mountpoint)
    {
        var readable = new StringBuilder();
        foreach (var c in mountpoint.Trim('/'))
            readable.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' ? c : '-');
        var name = readable.Length == 0 ? "root" : readable.ToString();
        if (name.Length > 40) name = name[^40..];
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(mountpoint)))[..8];
        return $"{name}-{hash}";
    }

    private (long Cache, long Journal) Sizes(string cacheDir)
    {
        var cache = SizeValue(SettingsCatalog.CacheSize);
        var journal = SizeValue(SettingsCatalog.JournalSize);
        foreach (var (setting, value) in new[] { (SettingsCatalog.CacheSize, cache), (SettingsCatalog.JournalSize, journal) })
        {
            if (value is < MinimumStoreSize)
                throw CliError.BadInput($"{(setting == SettingsCatalog.CacheSize ? "cache" : "journal")} size {ByteSize.Format(value.Value)} from {Where(setting)} is too small; use at least {ByteSize.Format(MinimumStoreSize)}, e.g. {setting.Flag} 1G");
        }
        // Space already held in the cache directory (a previous mount's cache and journal) counts as free for this one.
        var room = DiskSpace.Available(cacheDir) + DiskSpace.Used(cacheDir, Path.Combine(cacheDir, "local-store"));
        if (journal is long j && j > room)
            throw CliError.BadInput($"journal size {ByteSize.Format(j)} from {Where(SettingsCatalog.JournalSize)} is larger than the {ByteSize.Format(room)} free for {cacheDir}; choose a smaller --journal-size or another --cache-dir");
        if (cache is long c && c > room)
            throw CliError.BadInput($"cache size {ByteSize.Format(c)} from {Where(SettingsCatalog.CacheSize)} is larger than the {ByteSize.Format(room)} free for {cacheDir}; choose a smaller --cache-size or another --cache-dir");
        if (cache is long c2 && journal is long j2 && c2 + j2 > room)
            throw CliError.BadInput($"cache size {ByteSize.Format(c2)} plus journal size {ByteSize.Format(j2)} need more than the {ByteSize.Format(room)} free for {cacheDir}; lower --cache-size or --journal-size");
        // Unset sizes adapt to the disk so that a first mount on a small disk still works.
        var journalSize = journal ?? Math.Max(MinimumStoreSize, Math.Min(DefaultJournalSize, room / 4));
        var cacheSize = cache ?? Math.Max(MinimumStoreSize, Math.Min(DefaultCacheSize, (room - (journal ?? 0)) / 2));
        if (cache is null && journal is not null && cacheSize + journalSize > room)
            throw CliError.BadInput($"journal size {ByteSize.Format(journalSize)} leaves no room for the cache in the {ByteSize.Format(room)} free for {cacheDir}; choose a smaller --journal-size");
        return (cacheSize, journalSize);
    }

    private static string NormalizePrefix(string? prefix)
    {
        if (string.IsNullOrEmpty(prefix)) return "";
        var p = prefix.Trim('/');
        return p.Length == 0 ? "" : p + "/";
    }

    private string ValidateEndpoint(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || uri.Host.Length == 0)
            throw CliError.BadInput($"endpoint \"{text}\" from {Where(SettingsCatalog.Endpoint)} is not an http(s) URL; use e.g. http://127.0.0.1:9000 or https://s3.eu-west-1.amazonaws.com");
        return text.TrimEnd('/');
    }

    private string Where(SettingDefinition setting) => _values.TryGetValue(setting, out var v) ? v.Source : setting.Flag;
}
