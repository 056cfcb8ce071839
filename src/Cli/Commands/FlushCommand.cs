using System.Collections;
using System.CommandLine;
using GatewayFs.Cli.Control;
using GatewayFs.Cli.Output;

namespace GatewayFs.Cli.Commands;

/// <summary>`gatewayfs flush MOUNTPOINT`: returns when the store holds everything acknowledged before the call.</summary>
internal static class FlushCommand
{
    public static Command Create(IDictionary environment)
    {
        var mountpoint = DaemonOptions.Mountpoint("A mounted gatewayfs volume.");
        var timeout = DaemonOptions.Timeout();
        var command = new Command("flush",
            "Upload everything written to MOUNTPOINT so far and return when the object store holds it, with progress. "
            + "Fails (exit 1) when the store cannot be reached; the data then stays in the journal and is uploaded later.")
        {
            mountpoint, timeout,
        };
        command.SetAction(async (parse, ct) =>
        {
            var stall = DaemonOptions.StallSeconds(parse.GetValue(timeout)!);
            var path = DaemonOptions.FullPath(parse.GetValue(mountpoint)!);
            var entry = DaemonLocator.Require(new MountRegistry(RuntimePaths.For(environment)), path);
            var final = await FlushDisplay.FollowAsync(
                ControlClient.SendAsync(entry.Socket, new ControlRequest(ControlRequest.Flush, StallSeconds: stall), ct), "flushing", ct).ConfigureAwait(false);
            return Finish(final, path);
        });
        return command;
    }

    private static int Finish(ControlReply? final, string path)
    {
        switch (final?.Type)
        {
            case ControlReply.DoneType:
                Console.WriteLine(final.Message);
                return 0;
            case ControlReply.ErrorType:
                throw new CliError(final.Message ?? "flush failed");
            default:
                throw new CliError($"the daemon of {path} stopped answering during the flush; see gatewayfs status {path}");
        }
    }
}
