using GatewayFs.Fs;

namespace GatewayFs.TestKit.Conformance;

/// <summary>
/// An <see cref="IFsSession"/> straight over an <see cref="IFileSystem"/>, doing what the
/// kernel would: resolving paths with lookups (following symbolic links), checking the
/// access mode of file descriptors, and forgetting every lookup it took. It caches nothing.
/// </summary>
public sealed partial class InProcessSession : IFsSession
{
    private const int MaxSymlinks = 40; // Linux's MAXSYMLINKS
    private const ulong Root = 1;
    private readonly IFileSystem _fs;
    private readonly Func<ValueTask>? _cleanup;
    private readonly FsCaller _caller = FsCaller.Self;

    /// <summary>Wraps <paramref name="fs"/>; <paramref name="cleanup"/> runs on dispose.</summary>
    public InProcessSession(IFileSystem fs, string target, FsFeatures features, Func<ValueTask>? cleanup = null)
    {
        _fs = fs;
        Target = target;
        Features = features;
        _cleanup = cleanup;
    }

    /// <summary>The filesystem under test.</summary>
    public IFileSystem FileSystem => _fs;

    /// <inheritdoc />
    public string Target { get; }

    /// <inheritdoc />
    public FsFeatures Features { get; }

    /// <inheritdoc />
    public string? HostRoot => null;

    /// <inheritdoc />
    public uint Umask => _caller.Umask;

    internal IFileSystem Fs => _fs;

    /// <summary>What <see cref="SettleAsync"/> waits for; null when there is never anything pending.</summary>
    public Func<ValueTask>? Settle { get; init; }

    /// <inheritdoc />
    public ValueTask SettleAsync() => Settle?.Invoke() ?? ValueTask.CompletedTask;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_cleanup is not null) await _cleanup();
    }

    /// <summary>The node <paramref name="path"/> names; each lookup taken is recorded in <paramref name="refs"/>.</summary>
    private async ValueTask<ulong> WalkAsync(string path, bool followLast, NodeRefs refs)
    {
        var pending = new LinkedList<string>(Split(path));
        var ancestors = new List<ulong> { Root };
        int links = 0;
        while (pending.First is { } first)
        {
            string name = first.Value;
            pending.RemoveFirst();
            if (name == ".") continue;
            if (name == "..")
            {
                if (ancestors.Count > 1) ancestors.RemoveAt(ancestors.Count - 1);
                continue;
            }
            var entry = await _fs.LookupAsync(ancestors[^1], name, default)
                ?? throw new FsException(FsError.NotFound, $"'{name}' not found in '{path}'");
            refs.Add(entry.NodeId);
            if (FileModes.IsSymlink(entry.Attr.Mode) && (pending.Count > 0 || followLast))
            {
                if (++links > MaxSymlinks) throw new FsException(FsError.Loop, $"too many symbolic links in '{path}'");
                string target = await _fs.ReadLinkAsync(entry.NodeId, default);
                if (target.StartsWith('/')) ancestors.RemoveRange(1, ancestors.Count - 1);
                var parts = Split(target);
                for (int i = parts.Length - 1; i >= 0; i--) pending.AddFirst(parts[i]);
                continue;
            }
            ancestors.Add(entry.NodeId);
        }
        return ancestors[^1];
    }

    /// <summary>The directory holding the last component of <paramref name="path"/>, and that component.</summary>
    private async ValueTask<(ulong Dir, string Name)> ParentAsync(string path, NodeRefs refs)
    {
        var parts = Split(path);
        if (parts.Length == 0) throw new FsException(FsError.Busy, "the root has no parent");
        var dir = await WalkAsync(string.Join('/', parts[..^1]), followLast: true, refs);
        return (dir, parts[^1]);
    }

    private static string[] Split(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Runs <paramref name="op"/> on the node of <paramref name="path"/>, then forgets the lookups.</summary>
    private async ValueTask<T> OnNodeAsync<T>(string path, bool follow, Func<ulong, ValueTask<T>> op)
    {
        using var refs = new NodeRefs(_fs);
        var node = await WalkAsync(path, follow, refs);
        return await op(node);
    }

    private async ValueTask OnNodeAsync(string path, Func<ulong, ValueTask> op)
    {
        using var refs = new NodeRefs(_fs);
        await op(await WalkAsync(path, followLast: true, refs));
    }

    /// <summary>Runs <paramref name="op"/> on the parent directory and last name of <paramref name="path"/>.</summary>
    private async ValueTask OnParentAsync(string path, Func<ulong, string, ValueTask> op)
    {
        using var refs = new NodeRefs(_fs);
        var (dir, name) = await ParentAsync(path, refs);
        await op(dir, name);
    }

    /// <summary>Like <see cref="OnParentAsync"/> for calls that return a new entry, whose lookup is forgotten.</summary>
    private async ValueTask OnParentAsync(string path, Func<ulong, string, ValueTask<FsEntry>> op)
    {
        using var refs = new NodeRefs(_fs);
        var (dir, name) = await ParentAsync(path, refs);
        refs.Add((await op(dir, name)).NodeId);
    }
}
