using GatewayFs.Fs;

namespace GatewayFs.TestKit.Conformance;

/// <summary>
/// A kind of filesystem under test: makes a fresh <see cref="IFileSystem"/> for each test.
/// A backend becomes several targets (in-process, mounted through FUSE) in the registry.
/// </summary>
/// <param name="Name">Short name, e.g. "memory" or "cached".</param>
/// <param name="Features">What it supports.</param>
/// <param name="Create">Makes a fresh, empty filesystem and the cleanup that goes with it.</param>
public sealed record FsBackend(string Name, FsFeatures Features, Func<ValueTask<FsInstance>> Create);

/// <summary>One fresh filesystem and what to do when the test is done with it.</summary>
public sealed class FsInstance(IFileSystem fileSystem, Func<ValueTask>? cleanup = null) : IAsyncDisposable
{
    /// <summary>The filesystem.</summary>
    public IFileSystem FileSystem { get; } = fileSystem;

    /// <inheritdoc />
    public ValueTask DisposeAsync() => cleanup?.Invoke() ?? ValueTask.CompletedTask;
}

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
        return new InProcessSession(instance.FileSystem, backend.Name, backend.Features, instance.DisposeAsync);
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

    /// <inheritdoc />
    public override string ToString() => Name;
}
