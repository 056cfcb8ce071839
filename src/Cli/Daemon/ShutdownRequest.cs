namespace GatewayFs.Cli.Daemon;

/// <summary>
/// Why the daemon stops and what was already done: an `unmount` request has flushed and unmounted
/// before it asks; a signal or an outside `umount` has not.
/// </summary>
internal sealed record ShutdownRequest(string Reason, bool KernelUnmounted, bool Flushed)
{
    /// <summary>Completed by the daemon with a one-line summary once everything is closed.</summary>
    public TaskCompletionSource<string> Finished { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completed by the requester once it has told its client; the daemon waits for it (briefly) before closing the socket.</summary>
    public TaskCompletionSource ReplySent { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>A stop nobody waits to hear about (a signal, an outside umount): nothing was flushed yet.</summary>
    public static ShutdownRequest Unattended(string reason, bool kernelUnmounted)
    {
        var request = new ShutdownRequest(reason, kernelUnmounted, Flushed: false);
        request.ReplySent.SetResult();
        return request;
    }
}
