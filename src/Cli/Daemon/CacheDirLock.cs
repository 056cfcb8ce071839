using System.Text.Json;
using GatewayFs.Cli.Control;
using GatewayFs.Cli.Native;
using Microsoft.Win32.SafeHandles;

namespace GatewayFs.Cli.Daemon;

/// <summary>
/// One cache directory serves one mount at a time: an exclusive flock on
/// <c>CACHE_DIR/gatewayfs.lock</c>, held for the daemon's life (the kernel drops it when the
/// process dies, so a crash never leaves the directory locked). <c>owner.json</c> beside it
/// says who holds it, so that a second mount can name the first.
/// </summary>
internal sealed class CacheDirLock : IDisposable
{
    private readonly SafeFileHandle _handle;
    private readonly string _ownerFile;

    private CacheDirLock(SafeFileHandle handle, string ownerFile)
    {
        _handle = handle;
        _ownerFile = ownerFile;
    }

    /// <summary>Takes the lock or throws a one-line <see cref="CliError"/> naming the mount that holds it.</summary>
    public static CacheDirLock Acquire(string cacheDir, string mountpoint)
    {
        RuntimePaths.CreatePrivateDirectory(cacheDir);
        var lockFile = Path.Combine(cacheDir, "gatewayfs.lock");
        var ownerFile = Path.Combine(cacheDir, "owner.json");
        SafeFileHandle handle;
        try
        {
            // FileShare.ReadWrite: .NET's own advisory lock stays shared; the exclusive flock below is the real one.
            handle = File.OpenHandle(lockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite);
        }
        catch (IOException)
        {
            throw InUse(cacheDir, ownerFile);
        }
        catch (UnauthorizedAccessException e)
        {
            throw CliError.BadInput($"cannot open {lockFile}: {e.Message}; use a --cache-dir you can write to");
        }
        if (Libc.flock(handle, Libc.LOCK_EX | Libc.LOCK_NB) != 0)
        {
            handle.Dispose();
            throw InUse(cacheDir, ownerFile);
        }
        var owner = new LockOwner(Environment.ProcessId, mountpoint, DateTimeOffset.UtcNow);
        File.WriteAllText(ownerFile, JsonSerializer.Serialize(owner, ControlJson.Default.LockOwner));
        return new CacheDirLock(handle, ownerFile);
    }

    private static CliError InUse(string cacheDir, string ownerFile)
    {
        LockOwner? owner = null;
        try
        {
            owner = JsonSerializer.Deserialize(File.ReadAllText(ownerFile), ControlJson.Default.LockOwner);
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            // The holder has not written its name yet; say so without it.
        }
        return owner is null
            ? CliError.BadInput($"cache directory {cacheDir} is in use by another gatewayfs process; use another --cache-dir or unmount the other mount")
            : CliError.BadInput($"cache directory {cacheDir} is in use by the mount at {owner.Mountpoint} (pid {owner.Pid}); use another --cache-dir or unmount {owner.Mountpoint}");
    }

    public void Dispose()
    {
        try
        {
            File.Delete(_ownerFile);
        }
        finally
        {
            _handle.Dispose();
        }
    }
}
