using GatewayFs.TestKit.Fuse;

namespace GatewayFs.TestKit.Conformance;

/// <summary>One way to run the suite: a name and a way to open a fresh session.</summary>
/// <param name="Name">Shown in test names, e.g. "memory", "memory-fuse", "native".</param>
/// <param name="Mounted">True when the session goes through a host directory (real programs can run on it).</param>
/// <param name="Open">Opens a fresh session; disposing it cleans everything up.</param>
public sealed record FsTarget(string Name, bool Mounted, Func<ValueTask<IFsSession>> Open)
{
    /// <summary>The backend driven in-process through <see cref="InProcessSession"/>.</summary>
    public static FsTarget InProcess(FsBackend backend) => new(backend.Name, false, async () =>
    {
        var instance = await backend.Create();
        return new InProcessSession(instance.FileSystem, backend.Name, backend.Features, instance.DisposeAsync) { Settle = instance.Settle };
    });

    /// <summary>
    /// Linux itself: a fresh directory on tmpfs (/dev/shm), so the suite can show that its
    /// expectations are what the kernel does. Space accounting is not claimed: /dev/shm is
    /// shared with every test running meanwhile, so its free space moves on its own.
    /// </summary>
    public static FsTarget Native() => new("native", true, () =>
    {
        string dir = Path.Join(Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath(), $"gatewayfs-native-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        IFsSession session = new PosixSession(dir, "native", FsFeatures.All & ~FsFeatures.SpaceAccounting, () =>
        {
            Directory.Delete(dir, recursive: true);
            return ValueTask.CompletedTask;
        });
        return new(session);
    });

    /// <summary>
    /// The backend mounted through our FUSE binding on a temporary directory and driven with
    /// real syscalls. Disposing the session unmounts (also after a failed test) and then
    /// disposes the filesystem.
    /// </summary>
    public static FsTarget Fuse(FsBackend backend) => new($"{backend.Name}-fuse", true, async () =>
    {
        var instance = await backend.Create();
        TempMount mount;
        try
        {
            mount = TempMount.Create(instance.FileSystem);
        }
        catch
        {
            await instance.DisposeAsync();
            throw;
        }
        return new PosixSession(mount.Path, $"{backend.Name}-fuse", backend.Features, async () =>
        {
            try { await mount.DisposeAsync(); }
            finally { await instance.DisposeAsync(); }
        }) { Settle = instance.Settle };
    });

    /// <inheritdoc />
    public override string ToString() => Name;
}
