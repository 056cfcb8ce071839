using GatewayFs.Cli.Control;
using GatewayFs.Cli.Daemon;
using GatewayFs.Cli.Native;

namespace GatewayFs.Cli.Commands;

/// <summary>Finds the daemon of a mountpoint, with one-line reasons when there is none.</summary>
internal static class DaemonLocator
{
    /// <summary>The registry entry of a live daemon for <paramref name="mountpoint"/>, or a <see cref="CliError"/>.</summary>
    public static RegistryEntry Require(MountRegistry registry, string mountpoint)
    {
        var entry = registry.Find(mountpoint);
        if (entry is not null && MountRegistry.IsAlive(entry.Pid)) return entry;
        if (MountpointCheck.IsDeadMount(mountpoint) || entry is not null)
            throw new CliError($"the gatewayfs daemon of {mountpoint} is not running; clear the mount with: gatewayfs unmount {mountpoint}");
        if (MountTable.Find(mountpoint) is { } m)
            throw new CliError(m.FsType == "fuse.gatewayfs"
                ? $"{mountpoint} is a gatewayfs mount that is not in the registry at {registry.Paths.MountsDir} (started with another {RuntimePaths.EnvVar}?)"
                : $"{mountpoint} is a {m.FsType} mount, not a gatewayfs one");
        throw new CliError($"no gatewayfs mount at {mountpoint}; see gatewayfs status for the running mounts");
    }
}
