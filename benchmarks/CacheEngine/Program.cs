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
/// <c>dotnet run -c Release --project benchmarks/CacheEngine -- [--dir DIR] [--size-mb N] [--repeat N] [--no-bdn] [--write-doc docs/BENCHMARKS.md]</c>
/// </summary>
public static class Program
{
    public static string ScratchRoot { get; private set; } = Path.GetFullPath("bench-scratch");

    public static async Task<int> Main(string[] args)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        long sizeMb = 1024;
        bool bdn = true;
        int repeat = 3;
        string? doc = null;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--dir": ScratchRoot = Path.GetFullPath(args[++i]); break;
                case "--size-mb": sizeMb = long.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--no-bdn": bdn = false; break;
                case "--repeat": repeat = Math.Max(1, int.Parse(args[++i], CultureInfo.InvariantCulture)); break;
                case "--write-doc": doc = args[++i]; break;
                default:
                    Console.Error.WriteLine($"unknown option {args[i]}: use --dir DIR, --size-mb N, --repeat N, --no-bdn, --write-doc FILE");
                    return 2;
            }
        }
        Directory.CreateDirectory(ScratchRoot);
        long size = sizeMb << 20;
        var md = new StringBuilder();
        md.AppendLine($"Run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Machine.Describe(ScratchRoot)}; load average at start {Machine.LoadAverage()}.");
        md.AppendLine($"Command: `dotnet run -c Release --project benchmarks/CacheEngine -- --size-mb {sizeMb} --repeat {repeat}{(bdn ? "" : " --no-bdn")}`. Scratch files on the same filesystem as the raw-disk file; all reads O_DIRECT, page cache dropped before read phases.");
        md.AppendLine();

        var rounds = new Rounds();
        for (int r = 0; r < repeat; r++)
        {
            Log($"round {r + 1} of {repeat}");
            await MeasureRoundAsync(rounds.NewRound(), size);
        }
        var m = rounds;
        md.AppendLine($"Each number is the median of {m.Count} rounds (raw and ours measured in the same round; ratios are per-round medians).");
        md.AppendLine();
        md.AppendLine("| measurement | raw disk | CacheEngine | ratio | target |");
        md.AppendLine("|---|---|---|---|---|");
        Row(md, m, "cache hit from disk, 1 MiB blocks, 1 reader (MB/s)", "rawRead1M", "c1.hit1", "≥ 0.70");
        Row(md, m, "cache hit from disk, 1 MiB blocks, 4 readers (MB/s)", "rawRead1M4", "c1.hit4", "≥ 0.70");
        Row(md, m, "cache hit from disk, 64 KiB blocks, 1 reader (MB/s)", "rawRead64K", "c64.hit1", "");
        Row(md, m, "cache hit from disk, 64 KiB blocks, 4 readers (MB/s)", "rawRead64K4", "c64.hit4", "");
        Row(md, m, "cache miss landing (fill), 1 MiB blocks (MB/s, raw = seq write)", "rawWrite", "c1.fill", "");
        Row(md, m, "cache miss landing (fill), 64 KiB blocks (MB/s, raw = seq write)", "rawWrite", "c64.fill", "");
        md.AppendLine($"| journal 4 KiB append+commit p50 (µs; raw = 4 KiB O_DSYNC append / rewrite) | {m["dsyncAppend.p50"]:0} / {m["dsyncRewrite.p50"]:0} | {m["j4.p50"]:0} | {m.Ratio("j4.p50", "dsyncAppend.p50"):0.00} / {m.Ratio("j4.p50", "dsyncRewrite.p50"):0.00} | ≤ 2.0 |");
        md.AppendLine($"| journal 4 KiB append+commit p99 (µs) | {m["dsyncAppend.p99"]:0} / {m["dsyncRewrite.p99"]:0} | {m["j4.p99"]:0} | | |");
        md.AppendLine($"| journal 1 MiB append+commit p50 / p99 (µs) | | {m["j1m.p50"]:0} / {m["j1m.p99"]:0} | | |");
        Row(md, m, "group commit, 16 writers × 64 KiB (MB/s, raw = seq write)", "rawWrite", "g64.mbps", "≥ 0.60");
        Row(md, m, "group commit, 16 writers × 1 MiB (MB/s, raw = seq write)", "rawWrite", "g1m.mbps", "≥ 0.60");
        Row(md, m, "group commit, 16 writers × 64 KiB (MB/s, raw = O_DSYNC 1 MiB appends, one at a time)", "dsyncSeq1M", "g64.mbps", "");
        Row(md, m, "group commit, 16 writers × 1 MiB (MB/s, raw = O_DSYNC 8 MiB appends, one at a time)", "dsyncSeq8M", "g1m.mbps", "");
        md.AppendLine($"| group commit, 16 writers × 4 KiB | | {m["g4.cps"]:0} commits/s, {m["g4.mbps"]:0} MB/s, p50 {m["g4.p50"]:0} µs, p99 {m["g4.p99"]:0} µs | | |");
        md.AppendLine();
        md.AppendLine($"Spread over the rounds: 1 MiB hits, 1 reader {m.Spread("c1.hit1")} MB/s against raw {m.Spread("rawRead1M")}; 4 KiB commit p50 {m.Spread("j4.p50")} µs against raw append {m.Spread("dsyncAppend.p50")}; group commit 1 MiB {m.Spread("g1m.mbps")} MB/s against raw write {m.Spread("rawWrite")}. "
            + $"Cache hits from the log's memory: {m["c1.mem"]:0} MB/s (1 MiB), {m["c64.mem"]:0} MB/s (64 KiB). "
            + $"Disk reads per 1000 hits from disk: {m["c1.reads"]:0} (1 MiB), {m["c64.reads"]:0} (64 KiB). "
            + $"CPU per MiB: hits {m["c1.hitCpu"]:0} µs (1 MiB blocks), {m["c64.hitCpu"]:0} µs (64 KiB); fill {m["c1.fillCpu"]:0} µs (1 MiB), {m["c64.fillCpu"]:0} µs (64 KiB). "
            + $"Raw O_DSYNC sequential appends, one at a time: 64 KiB {m["dsyncSeq64"]:0} MB/s, 1 MiB {m["dsyncSeq1M"]:0} MB/s, 8 MiB {m["dsyncSeq8M"]:0} MB/s. "
            + $"Group commit latency: 64 KiB p50 {m["g64.p50"]:0} µs / p99 {m["g64.p99"]:0} µs ({m["g64.cps"]:0} commits/s); 1 MiB p50 {m["g1m.p50"]:0} µs / p99 {m["g1m.p99"]:0} µs.");

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

    private static void Row(StringBuilder md, Rounds m, string what, string raw, string ours, string target)
        => md.AppendLine($"| {what} | {m[raw]:0} | {m[ours]:0} | {m.Ratio(ours, raw):0.00} | {target} |");

    /// <summary>One round of every measurement; raw-disk baselines next to what they are compared with.</summary>
    private static async Task MeasureRoundAsync(Dictionary<string, double> r, long size)
    {
        string raw = Path.Combine(ScratchRoot, "raw.bin");
        r["rawWrite"] = RawDisk.SequentialWrite(raw, size, 1 << 20);
        RawDisk.DropCaches();
        r["rawRead1M"] = RawDisk.SequentialRead(raw, 1 << 20, 1);
        r["rawRead1M4"] = RawDisk.SequentialRead(raw, 1 << 20, 4);
        r["rawRead64K"] = RawDisk.SequentialRead(raw, 64 << 10, 1);
        r["rawRead64K4"] = RawDisk.SequentialRead(raw, 64 << 10, 4);
        File.Delete(raw);

        foreach (var (name, blockSize, bytes) in new[] { ("c1", 1 << 20, size), ("c64", 64 << 10, size / 2) })
        {
            var c = await CacheBench.RunAsync(Path.Combine(ScratchRoot, "cache-" + name), blockSize, bytes);
            r[name + ".fill"] = c.FillMBps;
            r[name + ".hit1"] = c.HitMBps1;
            r[name + ".hit4"] = c.HitMBps4;
            r[name + ".mem"] = c.MemoryHitMBps;
            r[name + ".reads"] = c.DiskReadsPerHit1000;
            r[name + ".fillCpu"] = c.FillCpuUsPerMiB;
            r[name + ".hitCpu"] = c.HitCpuUsPerMiB;
        }

        // The raw 4 KiB O_DSYNC baseline right next to the journal's own 4 KiB commits, so both
        // see the same disk state (a VM disk still absorbing earlier bulk writes is slower).
        string dsync = Path.Combine(ScratchRoot, "dsync.bin");
        var append = RawDisk.DSyncWrites(dsync, 2000, append: true);
        var rewrite = RawDisk.DSyncWrites(dsync, 2000, append: false);
        File.Delete(dsync);
        var j4 = await JournalBench.CommitLatencyAsync(Path.Combine(ScratchRoot, "j4k"), 4 << 10, 3000);
        var j1m = await JournalBench.CommitLatencyAsync(Path.Combine(ScratchRoot, "j1m"), 1 << 20, 300);
        (r["dsyncAppend.p50"], r["dsyncAppend.p99"]) = (append.P(0.5), append.P(0.99));
        (r["dsyncRewrite.p50"], r["dsyncRewrite.p99"]) = (rewrite.P(0.5), rewrite.P(0.99));
        (r["j4.p50"], r["j4.p99"]) = (j4.P(0.5), j4.P(0.99));
        (r["j1m.p50"], r["j1m.p99"]) = (j1m.P(0.5), j1m.P(0.99));

        r["dsyncSeq64"] = RawDisk.DSyncSequential(dsync, Math.Min(size, 256L << 20), 64 << 10);
        r["dsyncSeq1M"] = RawDisk.DSyncSequential(dsync, Math.Min(size, 512L << 20), 1 << 20);
        r["dsyncSeq8M"] = RawDisk.DSyncSequential(dsync, Math.Min(size, 512L << 20), 8 << 20);
        foreach (var (name, bytes) in new[] { ("g64", 64 << 10), ("g1m", 1 << 20), ("g4", 4 << 10) })
        {
            var g = await JournalBench.GroupCommitAsync(Path.Combine(ScratchRoot, name), 16, bytes, TimeSpan.FromSeconds(5));
            r[name + ".mbps"] = g.MBps;
            r[name + ".cps"] = g.CommitsPerSecond;
            (r[name + ".p50"], r[name + ".p99"]) = (g.Latency.P(0.5), g.Latency.P(0.99));
        }
    }

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
