using System.Collections;
using System.CommandLine;
using GatewayFs.Cli.Control;
using GatewayFs.Cli.Daemon;
using GatewayFs.Cli.Native;
using GatewayFs.Cli.Output;

namespace GatewayFs.Cli.Commands;

/// <summary>`gatewayfs unmount MOUNTPOINT [--force]`: flush with progress, unmount, daemon exits.</summary>
internal static class UnmountCommand
{
    private static readonly TimeSpan ExitWait = TimeSpan.FromSeconds(30);

    public static Command Create(IDictionary environment)
    {
        var mountpoint = DaemonOptions.Mountpoint("A mounted gatewayfs volume.");
        var force = new Option<bool>("--force")
        {
            Description = "Unmount even when the object store cannot be reached or files are open: what is not uploaded stays in the journal and the next mount with the same cache directory uploads it. Also detaches a mount whose daemon is gone.",
        };
        var timeout = DaemonOptions.Timeout();
        var command = new Command("unmount",
            "Upload everything written to MOUNTPOINT (progress: bytes and files left, rate, time left), unmount it and stop its daemon. "
            + "When the object store cannot be reached it says so, keeps the data in the journal and leaves the mount in place, unless --force.")
        {
            mountpoint, force, timeout,
        };
        command.Aliases.Add("umount");
        command.SetAction(async (parse, ct) =>
        {
            var stall = DaemonOptions.StallSeconds(parse.GetValue(timeout)!);
            var path = DaemonOptions.FullPath(parse.GetValue(mountpoint)!);
            var registry = new MountRegistry(RuntimePaths.For(environment));
            var entry = registry.Find(path);
            if (entry is not null && MountRegistry.IsAlive(entry.Pid))
            {
                ControlReply? final;
                try
                {
                    var request = new ControlRequest(ControlRequest.Unmount, parse.GetValue(force), stall);
                    final = await FlushDisplay.FollowAsync(ControlClient.SendAsync(entry.Socket, request, ct), "uploading", ct).ConfigureAwait(false);
                }
                catch (DaemonUnreachableException e)
                {
                    return Stale(registry, path, entry, parse.GetValue(force), e.Message);
                }
                if (final?.Type == ControlReply.ErrorType) throw new CliError(final.Message ?? "unmount failed");
                if (final?.Type == ControlReply.DoneType)
                {
                    await WaitForExitAsync(entry.Pid, ct).ConfigureAwait(false);
                    Console.WriteLine(final.Message);
                    return 0;
                }
                return Stale(registry, path, entry, parse.GetValue(force), "the daemon closed the connection without an answer");
            }
            return Stale(registry, path, entry, parse.GetValue(force), entry is null ? null : $"its daemon (pid {entry.Pid}) is gone");
        });
        return command;
    }

    /// <summary>No daemon answers: detach a dead gatewayfs mount, refuse anything else.</summary>
    private static int Stale(MountRegistry registry, string path, RegistryEntry? entry, bool force, string? why)
    {
        var mounted = MountTable.Find(path);
        if (mounted is null)
        {
            if (entry is not null) registry.Remove(path);
            throw new CliError($"nothing is mounted at {path}" + (entry is null ? "" : $" (removed the registry entry of the gone daemon, pid {entry.Pid})"));
        }
        if (mounted.FsType != "fuse.gatewayfs")
            throw new CliError($"{path} is a {mounted.FsType} mount, not a gatewayfs one; use umount {path}");
        var dead = MountpointCheck.IsDeadMount(path);
        if (!dead && !force)
            throw new CliError($"no gatewayfs daemon answers for {path}{(why is null ? "" : $" ({why})")}; use --force to detach the mount");
        var (result, detail) = KernelUnmount.Detach(path);
        if (result is not (KernelUnmount.Result.Unmounted or KernelUnmount.Result.NotMounted))
            throw new CliError($"cannot detach {path}: {detail}");
        registry.Remove(path);
        var journal = entry is null ? "in its cache directory" : $"in {entry.CacheDir}";
        Console.Error.WriteLine($"gatewayfs: the daemon of {path} was gone{(dead ? " (transport endpoint is not connected)" : "")}; detached the mount. "
            + $"Changes not yet uploaded stay in the journal {journal} and are uploaded by the next mount with that cache directory.");
        return 0;
    }

    private static async Task WaitForExitAsync(int pid, CancellationToken ct)
    {
        var deadline = DateTimeOffset.UtcNow + ExitWait;
        while (MountRegistry.IsAlive(pid) && DateTimeOffset.UtcNow < deadline)
            await Task.Delay(50, ct).ConfigureAwait(false);
    }
}
