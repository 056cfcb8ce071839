using System.Runtime.InteropServices;
using GatewayFs.Cli.Native;

namespace GatewayFs.Cli.Daemon;

/// <summary>Checks that a directory can be mounted on, with one-line reasons when not.</summary>
internal static class MountpointCheck
{
    /// <summary>True when <paramref name="path"/> is a FUSE mount whose daemon is gone ("Transport endpoint is not connected").</summary>
    public static bool IsDeadMount(string path) =>
        Libc.stat(path, out _) != 0 && Marshal.GetLastPInvokeError() == Libc.ENOTCONN;

    /// <summary>Throws a <see cref="CliError"/> when <paramref name="mountpoint"/> is not an empty, unmounted directory.</summary>
    public static void Verify(string mountpoint, bool allowNonEmpty)
    {
        if (IsDeadMount(mountpoint))
            throw CliError.BadInput($"mountpoint {mountpoint} is a dead mount (transport endpoint is not connected); clear it with: gatewayfs unmount {mountpoint}");
        if (File.Exists(mountpoint))
            throw CliError.BadInput($"mountpoint {mountpoint} is a file, not a directory; mount on an empty directory");
        if (!Directory.Exists(mountpoint))
            throw CliError.BadInput($"mountpoint {mountpoint} does not exist; create it with: mkdir -p {mountpoint}");
        var mounted = MountTable.Find(mountpoint);
        if (mounted is not null)
        {
            var how = mounted.FsType == "fuse.gatewayfs" ? $"gatewayfs unmount {mountpoint}" : $"umount {mountpoint}";
            throw CliError.BadInput($"{mountpoint} is already a mount point ({mounted.FsType} from {mounted.Source}); unmount it first: {how}");
        }
        if (!allowNonEmpty && Directory.EnumerateFileSystemEntries(mountpoint).Any())
            throw CliError.BadInput($"mountpoint {mountpoint} is not empty; use an empty directory, or --allow-non-empty to hide its files while mounted");
    }
}
