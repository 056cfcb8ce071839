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

    /// <summary>Waits until nothing is pending (see <see cref="IFsSession.SettleAsync"/>); null when there is never anything.</summary>
    public Func<ValueTask>? Settle { get; init; }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => cleanup?.Invoke() ?? ValueTask.CompletedTask;
}
