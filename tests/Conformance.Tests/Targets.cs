using GatewayFs.TestKit.Conformance;
using GatewayFs.TestKit.InMemory;

namespace GatewayFs.Tests.Conformance;

/// <summary>
/// The one registry of filesystems the suite runs against. A new backend (a volume kind)
/// plugs in by adding an <see cref="FsBackend"/> and its targets below. Set
/// GATEWAYFS_TARGETS=memory,memory-fuse to run only some.
/// </summary>
public static class Targets
{
    /// <summary>The in-memory reference filesystem.</summary>
    public static readonly FsBackend Memory = new("memory", FsFeatures.All,
        () => ValueTask.FromResult(new FsInstance(new InMemoryFileSystem())));

    /// <summary>The reference filesystem asking for the kernel's writeback cache (later, merged writes; kernel-kept mtime).</summary>
    public static readonly FsBackend MemoryWriteback = new("memory-wb", FsFeatures.All,
        () => ValueTask.FromResult(new FsInstance(new InMemoryFileSystem(new InMemoryOptions { WritebackCache = true }))));

    private static readonly FsTarget[] Registered =
    [
        FsTarget.InProcess(Memory),
        FsTarget.Fuse(Memory),
        FsTarget.Fuse(MemoryWriteback),
        // Linux itself on tmpfs: shows that the suite expects what the kernel does.
        FsTarget.Native(),
    ];

    /// <summary>Every selected target, as xunit theory data.</summary>
    public static TheoryData<string> All => Data(Selected());

    /// <summary>Selected targets reachable as a host directory (real programs can run there).</summary>
    public static TheoryData<string> Mounted => Data(Selected().Where(t => t.Mounted));

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

    private static TheoryData<string> Data(IEnumerable<FsTarget> targets)
    {
        var data = new TheoryData<string>();
        foreach (var t in targets) data.Add(t.Name);
        return data;
    }
}
