using System.Collections;
using System.CommandLine;
using System.Text.Json;
using GatewayFs.Cli.Control;
using GatewayFs.Cli.Daemon;
using GatewayFs.Cli.Output;

namespace GatewayFs.Cli.Commands;

/// <summary>`gatewayfs status [MOUNTPOINT] [--json]`.</summary>
internal static class StatusCommand
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(10);

    public static Command Create(IDictionary environment)
    {
        var mountpoint = DaemonOptions.RefuseOptionLike(new Argument<string?>("MOUNTPOINT")
        {
            Description = "Show only this mount.",
            Arity = ArgumentArity.ZeroOrOne,
        });
        var json = new Option<bool>("--json") { Description = "Print a JSON array of mounts (the same fields, machine-readable)." };
        var command = new Command("status",
            "Show every running mount (or one): volume kind, bucket, dirty bytes and files, cache used and size, hit rate, upload queue and rate, last error, object store reachability.")
        {
            mountpoint, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var registry = new MountRegistry(RuntimePaths.For(environment));
            var only = parse.GetValue(mountpoint);
            IReadOnlyList<RegistryEntry> entries;
            if (only is null) entries = registry.List();
            else
            {
                var path = DaemonOptions.FullPath(only);
                entries = registry.Find(path) is { } e ? [e] : throw new CliError($"no gatewayfs mount at {path}; see gatewayfs status for the running mounts");
            }
            var statuses = new List<MountStatus>();
            foreach (var entry in entries) statuses.Add(await AskAsync(entry, ct).ConfigureAwait(false));
            Console.WriteLine(parse.GetValue(json)
                ? ControlJson.Indented(statuses, ControlJson.Default.ListMountStatus)
                : StatusText.Format(statuses));
            return only is not null && statuses[0].Volume is null ? CliError.Failed : 0;
        });
        return command;
    }

    private static async Task<MountStatus> AskAsync(RegistryEntry entry, CancellationToken ct)
    {
        if (!MountRegistry.IsAlive(entry.Pid))
        {
            var stale = Native.MountTable.Find(entry.Mountpoint) is null
                ? $"; nothing is mounted there any more (gatewayfs unmount {entry.Mountpoint} clears this entry)"
                : $"; the mountpoint is dead: run gatewayfs unmount {entry.Mountpoint}";
            return Unanswered(entry, "dead", $"daemon pid {entry.Pid} is gone{stale}");
        }
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(AskTimeout);
            var reply = await ControlClient.AskAsync(entry.Socket, new ControlRequest(ControlRequest.Status), timeout.Token).ConfigureAwait(false);
            return reply.Status ?? Unanswered(entry, "not responding", reply.Message ?? "empty answer");
        }
        catch (Exception e) when (e is DaemonUnreachableException or OperationCanceledException or JsonException && !ct.IsCancellationRequested)
        {
            return Unanswered(entry, "not responding", e.Message);
        }
    }

    private static MountStatus Unanswered(RegistryEntry entry, string state, string problem) => new()
    {
        Mountpoint = entry.Mountpoint,
        State = state,
        Pid = entry.Pid,
        CacheDir = entry.CacheDir,
        LogFile = entry.LogFile,
        StartedAt = entry.StartedAt,
        Problem = problem,
    };
}
