using System.Diagnostics;
using GatewayFs.Fs;
using GatewayFs.Fs.Linux;

namespace GatewayFs.TestKit.Fuse;

/// <summary>
/// Mounts an <see cref="IFileSystem"/> on a fresh temporary directory for a test. Disposing it
/// unmounts (falling back to <c>umount -l</c> when the binding could not) and removes the
/// directory, also after a failed test; auto_unmount covers a test host killed outright.
/// </summary>
public sealed class TempMount : IDisposable, IAsyncDisposable
{
    private int _disposed;

    private TempMount(string path, FuseMount mount, IFileSystem fileSystem)
    {
        Path = path;
        Mount = mount;
        FileSystem = fileSystem;
    }

    /// <summary>The mountpoint (absolute).</summary>
    public string Path { get; }

    /// <summary>The live mount.</summary>
    public FuseMount Mount { get; }

    /// <summary>The mounted filesystem.</summary>
    public IFileSystem FileSystem { get; }

    /// <summary>Mounts <paramref name="fs"/> on a new temporary directory; removes the directory again if mounting fails.</summary>
    public static TempMount Create(IFileSystem fs, FuseMountOptions? options = null)
    {
        string dir = Directory.CreateTempSubdirectory("gatewayfs-mnt-").FullName;
        try
        {
            return new TempMount(dir, FuseMount.Mount(fs, dir, options), fs);
        }
        catch
        {
            TryRemoveDirectory(dir);
            throw;
        }
    }

    /// <summary>The absolute path of <paramref name="relative"/> inside the mount.</summary>
    public string PathOf(string relative) => System.IO.Path.Combine(Path, relative);

    /// <summary>True while /proc/self/mountinfo lists a mount on <see cref="Path"/>.</summary>
    public bool IsMounted => IsMountPoint(Path);

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        try
        {
            Mount.Unmount();
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"TempMount: unmounting {Path} failed: {e.Message}");
        }
        if (IsMountPoint(Path)) LazyUnmount(Path);
        TryRemoveDirectory(Path);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => new(Task.Run(Dispose));

    /// <summary>True when /proc/self/mountinfo lists <paramref name="path"/> as a mount point.</summary>
    public static bool IsMountPoint(string path) =>
        File.ReadLines("/proc/self/mountinfo").Any(l => l.Split(' ') is { Length: > 4 } f && f[4] == path);

    private static void LazyUnmount(string path)
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo("umount", ["-l", path]) { RedirectStandardError = true });
            p?.WaitForExit(10_000);
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"TempMount: umount -l {path} failed: {e.Message}");
        }
    }

    private static void TryRemoveDirectory(string dir)
    {
        try
        {
            // Not recursive: if something is still mounted here, its files must not be deleted.
            Directory.Delete(dir);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"TempMount: could not remove {dir}: {e.Message}");
        }
    }
}
