using GatewayFs.Cli.Control;
using GatewayFs.Cli.Settings;
using GatewayFs.Volumes;
using Spectre.Console;

namespace GatewayFs.Cli.Output;

/// <summary>
/// Shows a daemon's flush progress: a Spectre.Console progress bar (bytes and files left, rate,
/// time left) on stderr when it is a terminal, otherwise one plain line on stdout every few seconds
/// (stderr stays for the one-line error).
/// </summary>
internal static class FlushDisplay
{
    private static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(2);

    /// <summary>Consumes <paramref name="replies"/> until the final <c>done</c> or <c>error</c> line and returns it.</summary>
    public static Task<ControlReply?> FollowAsync(IAsyncEnumerable<ControlReply> replies, string verb, CancellationToken ct) =>
        IsTerminal() ? FollowWithBarAsync(replies, verb, ct) : FollowPlainAsync(replies, verb, ct);

    private static bool IsTerminal() => !Console.IsErrorRedirected && Environment.GetEnvironmentVariable("TERM") is not (null or "dumb");

    private static async Task<ControlReply?> FollowWithBarAsync(IAsyncEnumerable<ControlReply> replies, string verb, CancellationToken ct)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        ControlReply? final = null;
        await new Progress(console)
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                new TransferSpeedColumn(), new RemainingTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask(verb, autoStart: true, maxValue: 1);
                await foreach (var reply in replies.WithCancellation(ct).ConfigureAwait(false))
                {
                    if (reply.Progress is { } p)
                    {
                        task.MaxValue = Math.Max(1, p.BytesDone + p.BytesLeft);
                        task.Value = p.BytesDone;
                        task.Description = Markup.Escape($"{verb}: {Left(p)}");
                    }
                    if (reply.Type is ControlReply.DoneType or ControlReply.ErrorType)
                    {
                        final = reply;
                        if (reply.Type == ControlReply.DoneType) task.Value = task.MaxValue;
                        task.StopTask();
                    }
                }
            }).ConfigureAwait(false);
        return final;
    }

    private static async Task<ControlReply?> FollowPlainAsync(IAsyncEnumerable<ControlReply> replies, string verb, CancellationToken ct)
    {
        var lastPrinted = DateTimeOffset.MinValue;
        await foreach (var reply in replies.WithCancellation(ct).ConfigureAwait(false))
        {
            if (reply.Progress is { } p && (p.BytesLeft > 0 || p.FilesLeft > 0) && DateTimeOffset.UtcNow - lastPrinted >= PlainInterval)
            {
                lastPrinted = DateTimeOffset.UtcNow;
                var eta = p.BytesPerSecond > 0 ? $", about {Duration.Format(TimeSpan.FromSeconds(p.BytesLeft / p.BytesPerSecond))} left" : "";
                Console.WriteLine($"{verb}: {Left(p)}, {ByteSize.Format((long)p.BytesPerSecond)}/s{eta}");
            }
            if (reply.Type is ControlReply.DoneType or ControlReply.ErrorType) return reply;
        }
        return null;
    }

    private static string Left(FlushProgress p) =>
        $"{Words.BytesInFiles(p.BytesLeft, p.FilesLeft)} left";
}
