using System.Collections;
using GatewayFs.Cli.Native;
using GatewayFs.Cli.Settings;

namespace GatewayFs.Cli.Control;

/// <summary>
/// Where running mounts are registered and where their control sockets live when the cache
/// directory's path is too long for a Unix socket name (108 bytes).
/// </summary>
/// <remarks>
/// <c>GATEWAYFS_RUNTIME_DIR</c> overrides the default: <c>/run/gatewayfs</c> for root,
/// <c>$XDG_RUNTIME_DIR/gatewayfs</c> or <c>~/.cache/gatewayfs/run</c> for other users.
/// </remarks>
internal sealed record RuntimePaths(string Root)
{
    /// <summary>Environment variable that overrides the runtime directory.</summary>
    public const string EnvVar = "GATEWAYFS_RUNTIME_DIR";

    private const int MaxSocketPath = 100;

    /// <summary>The runtime directory for this user and environment.</summary>
    public static RuntimePaths For(IDictionary environment)
    {
        if (environment[EnvVar] is string overridden && overridden.Length > 0) return new RuntimePaths(Path.GetFullPath(overridden));
        if (Libc.geteuid() == 0) return new RuntimePaths("/run/gatewayfs");
        if (environment["XDG_RUNTIME_DIR"] is string xdg && xdg.Length > 0) return new RuntimePaths(Path.Combine(xdg, "gatewayfs"));
        return new RuntimePaths(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "gatewayfs", "run"));
    }

    /// <summary>Directory of registry entries, one JSON file per running mount.</summary>
    public string MountsDir => Path.Combine(Root, "mounts");

    /// <summary>Registry entry of the mount at <paramref name="mountpoint"/>.</summary>
    public string EntryFile(string mountpoint) => Path.Combine(MountsDir, SettingsResolver.MountName(mountpoint) + ".json");

    /// <summary>The control socket of a mount: in its cache directory when the path fits, else here.</summary>
    public string SocketFor(string mountpoint, string cacheDir)
    {
        var inCache = Path.Combine(cacheDir, "control.sock");
        return inCache.Length <= MaxSocketPath ? inCache : Path.Combine(Root, "sockets", SettingsResolver.MountName(mountpoint) + ".sock");
    }

    /// <summary>Creates <paramref name="dir"/> readable only by its owner.</summary>
    public static void CreatePrivateDirectory(string dir)
    {
        if (!Directory.Exists(dir))
            Directory.CreateDirectory(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}
