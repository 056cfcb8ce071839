using BenchmarkDotNet.Attributes;
using GatewayFs.CacheEngine;

namespace GatewayFs.Bench.CacheEngine;

/// <summary>Cache hits served from disk (blocks older than the log's memory), per block.</summary>
public class CacheHitBenchmarks
{
    private const int Reads = 16;
    private FasterBlockCache _cache = null!;
    private BlockIdentity _id = null!;
    private byte[] _dest = null!;
    private int _onDisk;
    private Random _rng = null!;

    [Params(64 << 10, 1 << 20)]
    public int BlockSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        string dir = Path.Combine(Program.ScratchRoot, "bdn-cache-" + BlockSize);
        if (Directory.Exists(dir)) Directory.Delete(dir, true);
        // Well beyond the log's memory (4 pages of 32 blocks), so most blocks are on disk.
        long bytes = Math.Max(256L << 20, 512L * BlockSize);
        var options = CacheBench.Options(dir, BlockSize, 4 * bytes);
        _cache = FasterBlockCache.OpenAsync(options).GetAwaiter().GetResult();
        _id = BlockIdentity.FromString("bdn");
        var data = new byte[BlockSize];
        int blocks = (int)(bytes / BlockSize);
        for (int i = 0; i < blocks; i++) _cache.WriteAsync(_id, i, data).AsTask().GetAwaiter().GetResult();
        _cache.FlushAsync().AsTask().GetAwaiter().GetResult();
        _onDisk = blocks - (int)(2 * options.EffectiveMemory / BlockSize) - 1;
        _dest = new byte[BlockSize];
        _rng = new Random(4);
    }

    [Benchmark(OperationsPerInvoke = Reads)]
    public async Task ReadHitFromDisk()
    {
        for (int i = 0; i < Reads; i++)
            if (await _cache.TryReadAsync(_id, _rng.Next(_onDisk), _dest) != BlockSize) throw new InvalidOperationException("miss");
    }

    [GlobalCleanup]
    public void Cleanup() => _cache.Dispose();
}

/// <summary>One writer: append a record and wait until it is durable.</summary>
public class JournalCommitBenchmarks
{
    private FasterWriteJournal _journal = null!;
    private byte[] _data = null!;
    private long _n;

    [Params(4 << 10, 1 << 20)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        string dir = Path.Combine(Program.ScratchRoot, "bdn-journal-" + Size);
        if (Directory.Exists(dir)) Directory.Delete(dir, true);
        _journal = FasterWriteJournal.OpenAsync(JournalBench.Options(dir)).GetAwaiter().GetResult();
        _data = new byte[Size];
    }

    [Benchmark]
    public async Task AppendAndCommit()
    {
        await _journal.AppendWriteAsync(1, 1, _n++ * Size, _data);
        await _journal.CommitAsync();
        if (_n % 256 == 0) _journal.RetireFile(1, 1, long.MaxValue);
    }

    [GlobalCleanup]
    public void Cleanup() => _journal.Dispose();
}
