using GatewayFs.Fs;

namespace GatewayFs.Volumes;

/// <summary>
/// A mountable volume (cached, stored or tape) as the daemon sees it: the filesystem the
/// kernel adapter drives, plus the control surface behind `flush`, `unmount` and `status`.
/// </summary>
public interface IGatewayVolume : IAsyncDisposable
{
    /// <summary>The filesystem to mount.</summary>
    IFileSystem FileSystem { get; }

    /// <summary>
    /// Opens local state (replays the journal, resumes pending uploads) and verifies the
    /// object store; throws with a one-line reason when the volume cannot start.
    /// </summary>
    Task StartAsync(CancellationToken ct);

    /// <summary>
    /// Returns once the object store holds everything acknowledged before the call,
    /// reporting progress; throws when the store cannot be reached before <paramref name="ct"/> fires.
    /// </summary>
    Task FlushAsync(IProgress<FlushProgress>? progress, CancellationToken ct);

    /// <summary>A consistent snapshot of counters for `status` and metrics.</summary>
    VolumeStatus GetStatus();
}
