using GatewayFs.TestKit.Conformance;
using GatewayFs.TestKit.InMemory;

namespace GatewayFs.Tests.Conformance;

/// <summary>
/// The one registry of filesystems the suite runs against; every test runs once per target
/// (<see cref="AllTargetsAttribute"/>, <see cref="MountedTargetsAttribute"/>). A volume kind
/// plugs in with an <see cref="FsBackend"/> (name, <see cref="FsFeatures"/> it has, and a
/// factory returning a fresh started volume plus its cleanup, e.g. over a shared s3rver or a
/// local-directory store) and two lines in <see cref="Registered"/>:
/// <c>FsTarget.InProcess(backend)</c> and <c>FsTarget.Fuse(backend)</c>. Behaviour a kind
/// cannot have gets an <see cref="FsFeatures"/> flag, and the tests check the documented
/// error instead. Set GATEWAYFS_TARGETS=memory,memory-fuse to run only some targets.
/// </summary>
public static class Targets
{
    /// <summary>The in-memory reference filesystem.</summary>
    public static readonly FsBackend Memory = new("memory", FsFeatures.All,
        () => ValueTask.FromResult(new FsInstance(new InMemoryFileSystem())));

    /// <summary>
    /// The reference filesystem asking for the kernel's writeback cache (later, merged writes;
    /// kernel-kept mtime) and letting the kernel remember missing names (negative entries), so
    /// the suite also checks that creating a name just found missing works.
    /// </summary>
    public static readonly FsBackend MemoryWriteback = new("memory-wb", FsFeatures.All,
        () => ValueTask.FromResult(new FsInstance(new InMemoryFileSystem(
            new InMemoryOptions { WritebackCache = true, NegativeEntryTimeout = TimeSpan.FromSeconds(1) }))));

    private static readonly FsTarget[] Registered =
    [
        FsTarget.InProcess(Memory),
        FsTarget.Fuse(Memory),
        FsTarget.Fuse(MemoryWriteback),
        // Linux itself on tmpfs: shows that the suite expects what the kernel does.
        FsTarget.Native(),
        FsTarget.InProcess(CachedTargets.OverS3rver),
        FsTarget.Fuse(CachedTargets.OverS3rver),
        FsTarget.InProcess(CachedTargets.OverLocalStore),
        FsTarget.Fuse(CachedTargets.OverLocalStore),
    ];

    /// <summary>Names of the selected targets, mounted ones only when <paramref name="mountedOnly"/>.</summary>
    public static IReadOnlyList<string> Names(bool mountedOnly) =>
        Selected().Where(t => t.Mounted || !mountedOnly).Select(t => t.Name).ToList();

    /// <summary>Opens a fresh session of the target called <paramref name="name"/>.</summary>
    public static ValueTask<IFsSession> OpenAsync(string name) =>
        (Registered.FirstOrDefault(t => t.Name == name) ?? throw new ArgumentException($"no conformance target '{name}'")).Open();

    private static IEnumerable<FsTarget> Selected()
    {
        var only = Environment.GetEnvironmentVariable("GATEWAYFS_TARGETS");
        if (string.IsNullOrWhiteSpace(only)) return Registered;
        var names = only.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return Registered.Where(t => names.Contains(t.Name));
    }
}
