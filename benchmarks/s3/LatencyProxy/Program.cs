using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using GatewayFs.TestKit.S3;

// A console host for the test kit's FaultProxy, used by benchmarks/s3/run.sh to put a fixed
// per-request latency in front of s3rver. It prints its endpoint on the first line of stdout,
// writes the request counts by S3 operation to --counts FILE (and resets them) on SIGHUP, and
// stops on SIGTERM/SIGINT.
const string usage = "usage: latency-proxy --upstream URL --latency-ms N [--counts FILE]";
string? upstream = null, countsFile = null;
int latencyMs = -1;
for (int i = 0; i < args.Length; i++)
{
    string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value; {usage}");
    try
    {
        switch (args[i])
        {
            case "--upstream": upstream = Value(); break;
            case "--latency-ms": latencyMs = int.Parse(Value(), CultureInfo.InvariantCulture); break;
            case "--counts": countsFile = Value(); break;
            default: throw new ArgumentException($"unknown argument '{args[i]}'; {usage}");
        }
    }
    catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
    {
        Console.Error.WriteLine($"latency-proxy: {e.Message}");
        return 2;
    }
}
if (upstream is null || latencyMs < 0 || !Uri.TryCreate(upstream, UriKind.Absolute, out Uri? upstreamUri))
{
    Console.Error.WriteLine($"latency-proxy: --upstream (an absolute URL) and --latency-ms (>= 0) are required; {usage}");
    return 2;
}

await using FaultProxy proxy = FaultProxy.Start(upstreamUri);
proxy.Latency = TimeSpan.FromMilliseconds(latencyMs);
Console.WriteLine(proxy.Endpoint.ToString().TrimEnd('/'));
Console.Out.Flush();

var stop = new TaskCompletionSource();
void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stop.TrySetResult();
}
void DumpCounts(PosixSignalContext context)
{
    context.Cancel = true;
    if (countsFile is null) return;
    IReadOnlyDictionary<string, int> counts = proxy.Counts;
    proxy.ResetCounts();
    // Written aside and renamed, so the script never reads half a file.
    string temporary = countsFile + ".tmp";
    File.WriteAllText(temporary, JsonSerializer.Serialize(counts.OrderBy(c => c.Key, StringComparer.Ordinal).ToDictionary()));
    File.Move(temporary, countsFile, overwrite: true);
}
using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var hangup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, DumpCounts);
await stop.Task;
return 0;
