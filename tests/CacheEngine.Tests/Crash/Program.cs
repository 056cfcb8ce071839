namespace GatewayFs.Tests.CacheEngine.Crash;

/// <summary>
/// Entry point when the test assembly runs as a crash-test child (`dotnet CacheEngine.Tests.dll
/// journal-child DIR SEED`). The test runner never calls it.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        // A child orphaned by a crashed test run must not live forever.
        _ = Task.Delay(TimeSpan.FromSeconds(90)).ContinueWith(_ => Environment.Exit(3), TaskScheduler.Default);
        var stdout = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true };
        var output = TextWriter.Synchronized(stdout);
        switch (args.FirstOrDefault())
        {
            case "journal-child" when args.Length == 3:
                await JournalCrashChild.RunAsync(args[1], int.Parse(args[2]), output);
                return 0;
            case "delta-child" when args.Length == 3:
                await DeltaCrashChild.RunAsync(args[1], int.Parse(args[2]), output);
                return 0;
            case "cache-child" when args.Length == 2:
                await CacheCrashChild.RunAsync(args[1], output);
                return 0;
            default:
                Console.Error.WriteLine("usage: CacheEngine.Tests.dll (journal-child DIR SEED | delta-child DIR SEED | cache-child DIR)");
                return 2;
        }
    }
}
