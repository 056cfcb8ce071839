using GatewayFs.Cli.Settings;
using GatewayFs.ObjectStore;
using GatewayFs.Volumes;
using Microsoft.Extensions.Logging;

namespace GatewayFs.Cli.Composition;

/// <summary>Builds the volume a mount serves (cached volumes today; stored and tape volumes plug in here).</summary>
internal static class VolumeFactory
{
    public static IGatewayVolume Create(MountSettings settings, IObjectStore store, ILoggerFactory loggers)
    {
        var options = new CachedVolumeOptions
        {
            Store = store,
            Prefix = settings.Prefix,
            CacheDirectory = Path.Combine(settings.CacheDir, "cache"),
            CacheSizeBytes = settings.CacheSize,
            JournalSizeBytes = settings.JournalSize,
            WriteBackDelay = settings.WriteBackDelay,
            ReadOnly = settings.ReadOnly,
            Uid = settings.Uid,
            Gid = settings.Gid,
            FileMode = settings.FileMode,
            DirMode = settings.DirMode,
            DisplayName = settings.UsesLocalStore ? "gatewayfs:local" : $"gatewayfs:{settings.Bucket}/{settings.Prefix}".TrimEnd('/'),
        };
        try
        {
            return CachedVolume.Create(options, loggers);
        }
        catch (ArgumentException e)
        {
            throw CliError.BadInput(e.Message);
        }
    }
}
