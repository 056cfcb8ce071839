using System.Globalization;
using System.Text;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace GatewayFs.Bench.CacheEngine;

/// <summary>
/// CacheEngine benchmarks beside the raw disk, in one run, on the same filesystem:
/// <c>dotnet run -c Release --project benchmarks/CacheEngine -- [--dir DIR] [--size-mb N] [--no-bdn] [--write-doc docs/BENCHMARKS.md]</c>
/// </summary>
public static class Program
{
    public static string ScratchRoot { get; private set; } = Path.GetFullPath("bench-scratch");

    public static async Task<int> Main(string[] args)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        long sizeMb = 1024;
        bool bdn = true;
        string? doc = null;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--dir": ScratchRoot = Path.GetFullPath(args[++i]); break;
                case "--size-mb": sizeMb = long.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--no-bdn": bdn = false; break;
                case "--write-doc": doc = args[++i]; break;
                default:
                    Console.Error.WriteLine($"unknown option {args[i]}: use --dir DIR, --size-mb N, --no-bdn, --write-doc FILE");
                    return 2;
            }
        }
        Directory.CreateDirectory(ScratchRoot);
        long size = sizeMb << 20;
        var md = new StringBuilder();
        md.AppendLine($"Run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Machine.Describe(ScratchRoot)}; load average at start {Machine.LoadAverage()}.");
        md.AppendLine($"Command: `dotnet run -c Release --project benchmarks/CacheEngine -- --size-mb {sizeMb}{(bdn ? "" : " --no-bdn")}`. Scratch files on the same filesystem as the raw-disk file; all reads O_DIRECT, page cache dropped before read phases.");
        md.AppendLine();

        Log("raw disk");
        string raw = Path.Combine(ScratchRoot, "raw.bin");
        double rawWrite = RawDisk.SequentialWrite(raw, size, 1 << 20);
        RawDisk.DropCaches();
        double rawRead1M = RawDisk.SequentialRead(raw, 1 << 20, 1);
        double rawRead1M4 = RawDisk.SequentialRead(raw, 1 << 20, 4);
        double rawRead64K = RawDisk.SequentialRead(raw, 64 << 10, 1);
        double rawRead64K4 = RawDisk.SequentialRead(raw, 64 << 10, 4);
        File.Delete(raw);

        Log("block cache 1 MiB");
        var c1 = await CacheBench.RunAsync(Path.Combine(ScratchRoot, "cache1m"), 1 << 20, size);
        Log("block cache 64 KiB");
        var c64 = await CacheBench.RunAsync(Path.Combine(ScratchRoot, "cache64k"), 64 << 10, size / 2);

        // The raw 4 KiB O_DSYNC baseline right next to the journal's own 4 KiB commits, so both
        // see the same disk state (a VM disk still absorbing earlier bulk writes is slower).
        Log("journal latency");
        string dsync = Path.Combine(ScratchRoot, "dsync.bin");
        var dsyncAppend = RawDisk.DSyncWrites(dsync, 2000, append: true);
        var dsyncRewrite = RawDisk.DSyncWrites(dsync, 2000, append: false);
        File.Delete(dsync);
        var j4 = await JournalBench.CommitLatencyAsync(Path.Combine(ScratchRoot, "j4k"), 4 << 10, 3000);
        var j1m = await JournalBench.CommitLatencyAsync(Path.Combine(ScratchRoot, "j1m"), 1 << 20, 300);
        Log("group commit");
        double dsyncSeq64 = RawDisk.DSyncSequential(dsync, Math.Min(size, 256L << 20), 64 << 10);
        double dsyncSeq1M = RawDisk.DSyncSequential(dsync, Math.Min(size, 512L << 20), 1 << 20);
        double dsyncSeq8M = RawDisk.DSyncSequential(dsync, Math.Min(size, 512L << 20), 8 << 20);
        var g64 = await JournalBench.GroupCommitAsync(Path.Combine(ScratchRoot, "g64k"), 16, 64 << 10, TimeSpan.FromSeconds(5));
        var g1m = await JournalBench.GroupCommitAsync(Path.Combine(ScratchRoot, "g1m"), 16, 1 << 20, TimeSpan.FromSeconds(5));
        var g4 = await JournalBench.GroupCommitAsync(Path.Combine(ScratchRoot, "g4k"), 16, 4 << 10, TimeSpan.FromSeconds(5));

        md.AppendLine("| measurement | raw disk | CacheEngine | ratio | target |");
        md.AppendLine("|---|---|---|---|---|");
        Row(md, "cache hit from disk, 1 MiB blocks, 1 reader (MB/s)", rawRead1M, c1.HitMBps1, "≥ 0.70");
        Row(md, "cache hit from disk, 1 MiB blocks, 4 readers (MB/s)", rawRead1M4, c1.HitMBps4, "≥ 0.70");
        Row(md, "cache hit from disk, 64 KiB blocks, 1 reader (MB/s)", rawRead64K, c64.HitMBps1, "");
        Row(md, "cache hit from disk, 64 KiB blocks, 4 readers (MB/s)", rawRead64K4, c64.HitMBps4, "");
        Row(md, "cache miss landing (fill), 1 MiB blocks (MB/s, raw = seq write)", rawWrite, c1.FillMBps, "");
        Row(md, "cache miss landing (fill), 64 KiB blocks (MB/s, raw = seq write)", rawWrite, c64.FillMBps, "");
        md.AppendLine($"| journal 4 KiB append+commit p50 (µs; raw = 4 KiB O_DSYNC append / rewrite) | {dsyncAppend.P(0.5):0} / {dsyncRewrite.P(0.5):0} | {j4.P(0.5):0} | {j4.P(0.5) / dsyncAppend.P(0.5):0.00} / {j4.P(0.5) / dsyncRewrite.P(0.5):0.00} | ≤ 2.0 |");
        md.AppendLine($"| journal 4 KiB append+commit p99 (µs) | {dsyncAppend.P(0.99):0} / {dsyncRewrite.P(0.99):0} | {j4.P(0.99):0} | | |");
        md.AppendLine($"| journal 1 MiB append+commit p50 / p99 (µs) | | {j1m.P(0.5):0} / {j1m.P(0.99):0} | | |");
        Row(md, "group commit, 16 writers × 64 KiB (MB/s, raw = seq write)", rawWrite, g64.MBps, "≥ 0.60");
        Row(md, "group commit, 16 writers × 1 MiB (MB/s, raw = seq write)", rawWrite, g1m.MBps, "≥ 0.60");
        Row(md, "group commit, 16 writers × 64 KiB (MB/s, raw = O_DSYNC 1 MiB appends, one at a time)", dsyncSeq1M, g64.MBps, "");
        Row(md, "group commit, 16 writers × 1 MiB (MB/s, raw = O_DSYNC 8 MiB appends, one at a time)", dsyncSeq8M, g1m.MBps, "");
        md.AppendLine($"| group commit, 16 writers × 4 KiB | | {g4.CommitsPerSecond:0} commits/s, {g4.MBps:0} MB/s, p50 {g4.Latency.P(0.5):0} µs, p99 {g4.Latency.P(0.99):0} µs | | |");
        md.AppendLine();
        md.AppendLine($"Raw disk extra: 1 MiB O_DIRECT sequential write {rawWrite:0} MB/s; 4 KiB O_DSYNC append p99 {dsyncAppend.P(0.99):0} µs, rewrite p99 {dsyncRewrite.P(0.99):0} µs. "
            + $"Cache hits from the log's memory: {c1.MemoryHitMBps:0} MB/s (1 MiB), {c64.MemoryHitMBps:0} MB/s (64 KiB). "
            + $"Disk reads per 1000 hits from disk: {c1.DiskReadsPerHit1000} (1 MiB), {c64.DiskReadsPerHit1000} (64 KiB). "
            + $"CPU per MiB: hits {c1.HitCpuUsPerMiB:0} µs (1 MiB blocks), {c64.HitCpuUsPerMiB:0} µs (64 KiB); fill {c1.FillCpuUsPerMiB:0} µs (1 MiB), {c64.FillCpuUsPerMiB:0} µs (64 KiB). "
            + $"Raw O_DSYNC sequential appends, one at a time: 64 KiB {dsyncSeq64:0} MB/s, 1 MiB {dsyncSeq1M:0} MB/s, 8 MiB {dsyncSeq8M:0} MB/s. "
            + $"Group commit latency: 64 KiB p50 {g64.Latency.P(0.5):0} µs / p99 {g64.Latency.P(0.99):0} µs ({g64.CommitsPerSecond:0} commits/s); 1 MiB p50 {g1m.Latency.P(0.5):0} µs / p99 {g1m.Latency.P(0.99):0} µs.");

        if (bdn)
        {
            Log("BenchmarkDotNet");
            md.AppendLine();
            md.AppendLine("BenchmarkDotNet (in-process, short job; time per operation):");
            md.AppendLine();
            md.Append(RunBdn());
        }
        string text = md.ToString();
        Console.WriteLine(text);
        if (doc is not null) Doc.ReplaceSection(doc, "## CacheEngine (issue 3)", text);
        Directory.Delete(ScratchRoot, recursive: true);
        return 0;
    }

    private static void Row(StringBuilder md, string what, double raw, double ours, string target)
        => md.AppendLine($"| {what} | {raw:0} | {ours:0} | {ours / raw:0.00} | {target} |");

    private static void Log(string phase) => Console.Error.WriteLine($"bench: {DateTime.Now:HH:mm:ss} {phase}");

    private static string RunBdn()
    {
        var job = Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(2).WithIterationCount(5);
        var config = ManualConfig.CreateEmpty()
            .AddJob(job)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddLogger(ConsoleLogger.Default)
            .WithOptions(ConfigOptions.DisableOptimizationsValidator);
        var sb = new StringBuilder();
        sb.AppendLine("| benchmark | parameter | mean | P50 | P95 | MB/s at the mean |");
        sb.AppendLine("|---|---|---|---|---|---|");
        foreach (var type in new[] { typeof(CacheHitBenchmarks), typeof(JournalCommitBenchmarks) })
        {
            var summary = BenchmarkRunner.Run(type, config);
            foreach (var report in summary.Reports)
            {
                var stats = report.ResultStatistics;
                var parameter = report.BenchmarkCase.Parameters.Items.FirstOrDefault();
                string name = $"{type.Name.Replace("Benchmarks", "")}.{report.BenchmarkCase.Descriptor.WorkloadMethod.Name}";
                if (stats is null)
                {
                    sb.AppendLine($"| {name} | {parameter?.Name}={parameter?.Value} | failed | | | |");
                    continue;
                }
                double bytes = Convert.ToDouble(parameter?.Value ?? 0, CultureInfo.InvariantCulture);
                sb.AppendLine($"| {name} | {parameter?.Name}={parameter?.Value} | {stats.Mean / 1000:0.0} µs | {stats.Percentiles.P50 / 1000:0.0} µs | {stats.Percentiles.P95 / 1000:0.0} µs | {bytes / (stats.Mean / 1e9) / 1e6:0} |");
            }
        }
        return sb.ToString();
    }
}
