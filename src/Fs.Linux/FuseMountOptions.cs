using Microsoft.Extensions.Logging;

namespace GatewayFs.Fs.Linux;

/// <summary>How <see cref="FuseMount.Mount"/> mounts a filesystem.</summary>
public sealed record FuseMountOptions
{
    /// <summary>Let users other than the mounting one access the mount (<c>-o allow_other</c>).</summary>
    public bool AllowOther { get; init; }

    /// <summary>
    /// Have fusermount3 unmount when this process dies, even by kill -9 (<c>-o auto_unmount</c>).
    /// Needs fusermount3 on the PATH.
    /// </summary>
    public bool AutoUnmount { get; init; } = true;

    /// <summary>Allow mounting over a directory that is not empty (its contents are hidden while mounted).</summary>
    public bool AllowNonEmpty { get; init; }

    /// <summary>
    /// Threads reading requests from the kernel. Replies are asynchronous, so these threads
    /// only dispatch; a few per core is plenty.
    /// </summary>
    public int Threads { get; init; } = Math.Clamp(Environment.ProcessorCount * 2, 4, 16);

    /// <summary>Let the kernel check permissions from the mode bits (<c>-o default_permissions</c>).</summary>
    public bool DefaultPermissions { get; init; } = true;

    /// <summary>Log every request (libfuse's <c>-d</c>) at debug level.</summary>
    public bool Debug { get; init; }

    /// <summary>Where the adapter logs; null logs nothing (libfuse's own messages go to stderr).</summary>
    public ILogger? Logger { get; init; }

    /// <summary>More mount options passed to libfuse as <c>-o</c> (e.g. <c>noatime</c>).</summary>
    public IReadOnlyList<string> ExtraOptions { get; init; } = [];
}
