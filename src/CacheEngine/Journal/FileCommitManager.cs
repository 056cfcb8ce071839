using System.Buffers.Binary;
using System.Globalization;
using FASTER.core;
using GatewayFs.CacheEngine.Storage;

namespace GatewayFs.CacheEngine.Journal;

/// <summary>
/// FasterLog commit metadata as small files (commit.N), written atomically and durably
/// (temp + fsync + rename + directory fsync) and checksummed. In fast-commit mode the log's own
/// commit records make a commit durable, so metadata is only a recovery starting point: it is
/// written at once when the begin address moved (FASTER deletes segments right after this call,
/// so the new begin must be on disk first), and otherwise at most every interval on a timer,
/// off the commit path.
/// </summary>
/// <remarks>Lock order: only <c>_gate</c>.</remarks>
internal sealed class FileCommitManager : ILogCommitManager
{
    private const uint Magic = 0x43464C47; // "GLFC"
    private const long Seed = 0x434F4D4D49545331;
    private const int Keep = 2;

    private readonly string _directory;
    private readonly TimeSpan _interval;
    private readonly object _gate = new();
    private readonly Timer _timer;
    private long _writtenNum = -1;
    private long _writtenBegin = -1;
    private (long Num, long Begin, byte[] Data)? _pending;
    private bool _disposed;

    internal FileCommitManager(string directory, TimeSpan interval)
    {
        _directory = directory;
        _interval = interval;
        Directory.CreateDirectory(directory);
        _timer = new Timer(_ => FlushPending(), null, Timeout.Infinite, Timeout.Infinite);
    }

    /// <summary>Number of metadata files written (for tests and stats).</summary>
    internal long FilesWritten;

    public void Commit(long beginAddress, long untilAddress, byte[] commitMetadata, long commitNum, bool forceWriteMetadata)
    {
        lock (_gate)
        {
            if (_disposed || commitNum <= _writtenNum) return;
            if (forceWriteMetadata || beginAddress != _writtenBegin || _writtenNum < 0)
            {
                WriteLocked(commitNum, beginAddress, commitMetadata);
                return;
            }
            bool armed = _pending is not null;
            _pending = (commitNum, beginAddress, commitMetadata);
            if (!armed) _timer.Change(_interval, Timeout.InfiniteTimeSpan);
        }
    }

    private void FlushPending()
    {
        lock (_gate)
        {
            if (_disposed || _pending is not { } p) return;
            _pending = null;
            if (p.Num > _writtenNum) WriteLocked(p.Num, p.Begin, p.Data);
        }
    }

    private void WriteLocked(long num, long begin, byte[] data)
    {
        var buf = new byte[16 + data.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(buf, Magic);
        BinaryPrimitives.WriteInt32LittleEndian(buf.AsSpan(4), data.Length);
        data.CopyTo(buf, 16);
        BinaryPrimitives.WriteUInt64LittleEndian(buf.AsSpan(8), Checksum.Of(data, Seed ^ num));
        NativeFile.WriteFileDurably(PathOf(num), buf);
        _writtenNum = num;
        _writtenBegin = begin;
        if (_pending is { } p && p.Num <= num) _pending = null;
        Interlocked.Increment(ref FilesWritten);
        foreach (var old in ListCommits().Skip(Keep)) File.Delete(PathOf(old));
    }

    private string PathOf(long num) => Path.Combine(_directory, "commit." + num.ToString(CultureInfo.InvariantCulture));

    public byte[]? GetCommitMetadata(long commitNum)
    {
        string path = PathOf(commitNum);
        if (!File.Exists(path)) return null;
        var buf = File.ReadAllBytes(path);
        if (buf.Length < 16 || BinaryPrimitives.ReadUInt32LittleEndian(buf) != Magic) return null;
        int len = BinaryPrimitives.ReadInt32LittleEndian(buf.AsSpan(4));
        if (len < 0 || 16 + len != buf.Length) return null;
        var data = buf.AsSpan(16).ToArray();
        if (BinaryPrimitives.ReadUInt64LittleEndian(buf.AsSpan(8)) != Checksum.Of(data, Seed ^ commitNum)) return null;
        // FasterLog metadata v1 starts: i32 version, i64 checksum, i64 begin, i64 until.
        if (data.Length >= 28) LoadedUntilAddress = Math.Max(LoadedUntilAddress, BinaryPrimitives.ReadInt64LittleEndian(data.AsSpan(20)));
        LoadedCommits++;
        return data;
    }

    /// <summary>Valid metadata files handed to recovery, and the furthest commit point they name.</summary>
    internal int LoadedCommits;

    /// <inheritdoc cref="LoadedCommits"/>
    internal long LoadedUntilAddress;

    public IEnumerable<long> ListCommits()
    {
        var nums = new List<long>();
        foreach (var path in Directory.EnumerateFiles(_directory, "commit.*"))
        {
            string suffix = Path.GetFileName(path)["commit.".Length..];
            if (long.TryParse(suffix, NumberStyles.None, CultureInfo.InvariantCulture, out long n)) nums.Add(n);
        }
        nums.Sort((a, b) => b.CompareTo(a));
        return nums;
    }

    public void RemoveCommit(long commitNum) => File.Delete(PathOf(commitNum));

    public void RemoveAllCommits()
    {
        foreach (var n in ListCommits()) File.Delete(PathOf(n));
    }

    public void OnRecovery(long commitNum)
    {
        lock (_gate)
        {
            _writtenNum = commitNum;
            _writtenBegin = -1; // unknown until the next commit writes it again
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            if (_pending is { } p && p.Num > _writtenNum) WriteLocked(p.Num, p.Begin, p.Data);
            _disposed = true;
        }
        _timer.Dispose();
    }
}
