using GatewayFs.Fs.Linux;
using GatewayFs.ObjectStore;
using GatewayFs.Volumes;

namespace GatewayFs.Tests.Volumes.CrashHost;

/// <summary>
/// A gateway in its own process for crash tests: mounts a cached volume on s3rver, prints
/// READY, and runs until its standard input closes (an orderly stop) or it is killed.
/// Usage: CrashHost ENDPOINT BUCKET PREFIX CACHE_DIR MOUNTPOINT WRITE_BACK_DELAY_SECONDS
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length != 6)
        {
            Console.Error.WriteLine("usage: CrashHost ENDPOINT BUCKET PREFIX CACHE_DIR MOUNTPOINT WRITE_BACK_DELAY_SECONDS");
            return 2;
        }
        var store = new S3ObjectStore(new S3ObjectStoreOptions
        {
            Endpoint = new Uri(args[0]),
            Bucket = args[1],
            Region = "us-east-1",
            AccessKey = "S3RVER", // s3rver accepts this key and checks no signature
            SecretKey = "S3RVER",
        });
        var volume = CachedVolume.Create(new CachedVolumeOptions
        {
            Store = store,
            Prefix = args[2],
            CacheDirectory = args[3],
            CacheSizeBytes = 256L << 20,
            JournalSizeBytes = 256L << 20,
            WriteBackDelay = TimeSpan.FromSeconds(double.Parse(args[5], System.Globalization.CultureInfo.InvariantCulture)),
        });
        await volume.StartAsync(CancellationToken.None);
        var mount = FuseMount.Mount(volume, args[4]);
        Console.WriteLine("READY");
        await Console.In.ReadToEndAsync();
        mount.Unmount();
        await volume.DisposeAsync();
        await store.DisposeAsync();
        return 0;
    }
}
