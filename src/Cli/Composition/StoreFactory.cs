using GatewayFs.Cli.Settings;
using GatewayFs.ObjectStore;
using Microsoft.Extensions.Logging;

namespace GatewayFs.Cli.Composition;

/// <summary>The object store a mount's settings ask for: S3 (any S3-compatible endpoint) or the embedded local store.</summary>
internal static class StoreFactory
{
    public static IObjectStore Create(MountSettings settings, ILoggerFactory loggers)
    {
        if (settings.UsesLocalStore)
        {
            return new LocalDirectoryObjectStore(settings.LocalStoreDir);
        }
        var options = new S3ObjectStoreOptions
        {
            Bucket = settings.Bucket!,
            Endpoint = settings.Endpoint is null ? null : new Uri(settings.Endpoint),
            Region = settings.Region,
            ForcePathStyle = settings.PathStyle,
            Profile = settings.Profile,
        };
        try
        {
            return new S3ObjectStore(options, loggers.CreateLogger("store"));
        }
        catch (ArgumentException e)
        {
            throw CliError.BadInput(e.Message);
        }
    }
}
