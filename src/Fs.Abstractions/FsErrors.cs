using System.Collections.Concurrent;

namespace GatewayFs.Fs;

/// <summary>
/// Failures without a throw, for errors that are answers rather than accidents: an absent
/// xattr is asked for on every <c>ls -l</c> (<c>security.selinux</c>) and every write
/// (<c>security.capability</c>), and throwing costs far more than the reply. A filesystem may
/// return <see cref="Fail{T}"/> (or <c>ValueTask.FromException</c> of its own exception)
/// instead of throwing; adapters read the exception from the task and never rethrow it.
/// </summary>
/// <remarks>
/// The exceptions handed out here are shared by every caller. Never <c>throw</c> one, and do
/// not rely on its stack trace: whoever awaits a failed task rethrows the shared instance, so
/// its trace is whatever the last await wrote. <see cref="FsException.Error"/> and the message
/// never change.
/// </remarks>
public static class FsErrors
{
    private static readonly ConcurrentDictionary<FsError, FsException> Exceptions = new();
    private static readonly ConcurrentDictionary<FsError, Task> Tasks = new();

    /// <summary>The one pre-allocated exception for <paramref name="error"/>; only ever returned inside a failed task.</summary>
    public static FsException Cached(FsError error) =>
        Exceptions.GetOrAdd(error, static e => new FsException(e, $"{e} (shared instance; its stack trace means nothing)"));

    /// <summary>An already failed task carrying <see cref="Cached"/>; allocates nothing after the first call per error and type.</summary>
    public static ValueTask<T> Fail<T>(FsError error) => new(FailedTasks<T>.Of(error));

    /// <summary>An already failed task carrying <see cref="Cached"/>; allocates nothing after the first call per error.</summary>
    public static ValueTask Fail(FsError error) =>
        new(Tasks.GetOrAdd(error, static e => Task.FromException(Cached(e))));

    private static class FailedTasks<T>
    {
        private static readonly ConcurrentDictionary<FsError, Task<T>> Tasks = new();

        public static Task<T> Of(FsError error) => Tasks.GetOrAdd(error, static e => Task.FromException<T>(Cached(e)));
    }
}
