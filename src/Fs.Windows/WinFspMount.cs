using System.Runtime.Versioning;
using GatewayFs.Fs.Windows.Native;

namespace GatewayFs.Fs.Windows;

/// <summary>
/// An <see cref="IFileSystem"/> mounted on Windows through WinFsp, at a drive letter or a
/// directory. Dispose or <see cref="Unmount"/> to take it down; the filesystem itself is not
/// disposed.
/// </summary>
public sealed class WinFspMount : IDisposable, IAsyncDisposable
{
    private readonly object _native;

    private WinFspMount(object native, string mountPoint)
    {
        _native = native;
        MountPoint = mountPoint;
    }

    /// <summary>Where the filesystem is mounted (<c>X:</c>, a directory, or <c>*</c> for an automatic letter).</summary>
    public string MountPoint { get; }

    /// <summary>
    /// Mounts <paramref name="fs"/> at <paramref name="mountPointOrDriveLetter"/>: <c>X</c>,
    /// <c>X:</c>, <c>*</c> (next free letter), or a full directory path that does not exist yet.
    /// </summary>
    /// <exception cref="PlatformNotSupportedException">Not running on Windows.</exception>
    /// <exception cref="WinFspMountException">WinFsp is missing, the mount point is unusable, or WinFsp refused the mount.</exception>
    public static WinFspMount Mount(IFileSystem fs, string mountPointOrDriveLetter, WinFspMountOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(fs);
        ArgumentNullException.ThrowIfNull(mountPointOrDriveLetter);
        if (!OperatingSystem.IsWindows())
            throw new PlatformNotSupportedException("WinFsp mounts need Windows; on Linux mount through the FUSE adapter (GatewayFs.Fs.Linux)");
        string? normalized = MountPointName.Normalize(mountPointOrDriveLetter);
        return MountOnWindows(fs, normalized, options ?? new WinFspMountOptions());
    }

    [SupportedOSPlatform("windows")]
    private static WinFspMount MountOnWindows(IFileSystem fs, string? mountPoint, WinFspMountOptions options) =>
        new(NativeMount.Start(fs, mountPoint, options), mountPoint ?? "*");

    /// <summary>Unmounts; waits for operations in flight first. Safe to call more than once.</summary>
    public void Unmount()
    {
        if (OperatingSystem.IsWindows()) ((NativeMount)_native).Stop();
    }

    /// <inheritdoc />
    public void Dispose() => Unmount();

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        // Unmount blocks while operations drain; keep that off the caller's thread.
        return new ValueTask(Task.Run(Unmount));
    }
}
