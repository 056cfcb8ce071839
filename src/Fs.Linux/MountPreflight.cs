using System.Runtime.InteropServices;
using GatewayFs.Fs.Linux.Native;

namespace GatewayFs.Fs.Linux;

/// <summary>
/// Checks everything a mount needs before libfuse is asked, so each failure gets a one-line
/// message that says what is wrong and what to do (libfuse itself only prints to stderr).
/// </summary>
internal static class MountPreflight
{
    /// <summary>Returns the absolute mountpoint, or throws <see cref="FuseMountException"/>.</summary>
    public static string Check(string mountpoint, FuseMountOptions options, string library = Libfuse.Library, string device = "/dev/fuse")
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64)
            throw new FuseMountException($"FUSE mounts need Linux on x86-64; this is {RuntimeInformation.OSDescription} on {RuntimeInformation.ProcessArchitecture}");
        if (string.IsNullOrWhiteSpace(mountpoint))
            throw new FuseMountException("no mountpoint given: pass the directory to mount on");
        if (options.Threads < 1)
            throw new FuseMountException($"FuseMountOptions.Threads is {options.Threads}: it must be at least 1");
        CheckLibrary(library);
        CheckDevice(device);
        string path = Normalize(mountpoint);
        CheckMountpoint(path, options.AllowNonEmpty);
        if (options.AutoUnmount && FindFusermount() is null)
            throw new FuseMountException("auto_unmount needs fusermount3, which is not installed: apt-get install fuse3, or mount with AutoUnmount = false");
        return path;
    }

    /// <summary>Absolute path without a trailing slash, as /proc/self/mountinfo spells it.</summary>
    public static string Normalize(string mountpoint)
    {
        string full = Path.GetFullPath(mountpoint);
        return full.Length > 1 ? full.TrimEnd('/') : full;
    }

    /// <summary>fusermount3 from the PATH or the usual places; null when absent.</summary>
    public static string? FindFusermount()
    {
        var dirs = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/bin", "/bin", "/usr/local/bin"]);
        return dirs.Select(d => Path.Combine(d, "fusermount3")).FirstOrDefault(File.Exists);
    }

    private static void CheckLibrary(string library)
    {
        if (!NativeLibrary.TryLoad(library, out _))
            throw new FuseMountException($"libfuse3 is not installed ({library} not found): install it with 'apt-get install fuse3 libfuse3-3'");
    }

    private static void CheckDevice(string device)
    {
        int err = Syscalls.Stat(device, out _);
        if (err == Libc.ENOENT)
            throw new FuseMountException($"{device} is missing: load the kernel module (modprobe fuse), or start the container with --device /dev/fuse");
        if (err != 0)
            throw new FuseMountException($"{device} cannot be used: {Syscalls.ErrorText(err)}");
        err = Syscalls.ProbeOpenReadWrite(device);
        if (err == 0) return;
        if (err is Libc.EACCES or Libc.EPERM)
        {
            if (Syscalls.IsRoot)
                throw new FuseMountException($"permission denied opening {device} as root: the container or security policy blocks it (docker: --device /dev/fuse --cap-add SYS_ADMIN)");
            if (FindFusermount() is null)
                throw new FuseMountException($"permission denied opening {device}: run as root, or install fuse3 so that fusermount3 can mount for you");
            return; // libfuse mounts through the setuid fusermount3
        }
        throw new FuseMountException($"{device} cannot be opened: {Syscalls.ErrorText(err)}");
    }

    private static void CheckMountpoint(string path, bool allowNonEmpty)
    {
        int err = Syscalls.Stat(path, out uint mode);
        if (err == Libc.ENOENT)
            throw new FuseMountException($"mountpoint {path} does not exist: create it first (mkdir -p {path})");
        if (err == Libc.ENOTCONN)
            throw new FuseMountException($"mountpoint {path} is a dead FUSE mount (transport endpoint is not connected): clean it up with 'umount -l {path}'");
        if (err == Libc.EACCES)
            throw new FuseMountException($"mountpoint {path} is not accessible (permission denied): use a directory you own");
        if (err != 0)
            throw new FuseMountException($"mountpoint {path} cannot be used: {Syscalls.ErrorText(err)}");
        if (!FileModes.IsDirectory(mode))
            throw new FuseMountException($"mountpoint {path} is not a directory: mount on an empty directory");
        if (MountTable.Find(path) is { } existing)
            throw new FuseMountException($"mountpoint {path} is busy: {existing.FsType} ({existing.Source}) is already mounted there; unmount it first (umount {path})");
        if (!allowNonEmpty && Directory.EnumerateFileSystemEntries(path).Any())
            throw new FuseMountException($"mountpoint {path} is not empty: use an empty directory, or allow it with AllowNonEmpty");
    }
}
