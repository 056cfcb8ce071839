using System.Diagnostics;
using System.Runtime.InteropServices;

namespace GatewayFs.Cli.Native;

/// <summary>Unmounts at the kernel: umount2 as root, fusermount3 -u otherwise.</summary>
internal static class KernelUnmount
{
    /// <summary>Result of an unmount attempt.</summary>
    public enum Result
    {
        Unmounted,
        NotMounted,
        Busy,
        Failed,
    }

    /// <summary>A normal unmount: fails with <see cref="Result.Busy"/> while files are open or a process works inside.</summary>
    public static (Result Result, string Detail) Unmount(string mountpoint) => Run(mountpoint, 0);

    /// <summary>A lazy unmount (MNT_DETACH): the mount disappears now, open files keep it alive until closed.</summary>
    public static (Result Result, string Detail) Detach(string mountpoint) => Run(mountpoint, Libc.MNT_DETACH);

    private static (Result, string) Run(string mountpoint, int flags)
    {
        if (Libc.umount2(mountpoint, flags) == 0) return (Result.Unmounted, "");
        var errno = Marshal.GetLastPInvokeError();
        var text = Marshal.GetPInvokeErrorMessage(errno);
        return errno switch
        {
            Libc.EINVAL or Libc.ENOENT => (Result.NotMounted, text),
            Libc.EBUSY => (Result.Busy, text),
            Libc.EPERM => Fusermount(mountpoint, lazy: (flags & Libc.MNT_DETACH) != 0),
            _ => (Result.Failed, text),
        };
    }

    // Unprivileged users may only unmount their own FUSE mounts, through the setuid helper.
    private static (Result, string) Fusermount(string mountpoint, bool lazy)
    {
        var psi = new ProcessStartInfo("fusermount3") { RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(lazy ? "-uz" : "-u");
        psi.ArgumentList.Add(mountpoint);
        try
        {
            using var p = Process.Start(psi)!;
            var err = p.StandardError.ReadToEnd().Trim();
            p.WaitForExit();
            if (p.ExitCode == 0) return (Result.Unmounted, "");
            return (err.Contains("busy", StringComparison.OrdinalIgnoreCase) ? Result.Busy : Result.Failed, err);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (Result.Failed, $"fusermount3 is not available ({e.Message}); install fuse3");
        }
    }
}
