namespace GatewayFs.CacheEngine.Journal;

/// <summary>
/// The dirty runs of one file: non-overlapping, sorted by offset, each pointing at the Write
/// record holding its newest bytes. A newer write replaces what it overlaps (older runs are
/// split or trimmed); a truncate cuts everything at or beyond the new size. Not thread-safe:
/// the journal guards it with its index lock.
/// </summary>
internal sealed class FileExtents
{
    private readonly List<DirtyExtent> _runs = new();

    internal int Count => _runs.Count;

    internal bool IsEmpty => _runs.Count == 0;

    internal long Bytes { get; private set; }

    internal void Add(long offset, long length, long address)
    {
        if (length <= 0) return;
        Cut(offset, offset + length);
        int at = FirstEndingAfter(offset);
        _runs.Insert(at, new DirtyExtent(offset, length, address));
        Bytes += length;
    }

    internal void Truncate(long size) => Cut(size, long.MaxValue);

    /// <summary>Drops every run that points at the record.</summary>
    internal void RemoveRecord(long address)
    {
        for (int i = _runs.Count - 1; i >= 0; i--)
        {
            if (_runs[i].RecordAddress != address) continue;
            Bytes -= _runs[i].Length;
            _runs.RemoveAt(i);
        }
    }

    internal List<DirtyExtent> Query(long offset, long length)
    {
        var result = new List<DirtyExtent>();
        long end = length >= long.MaxValue - offset ? long.MaxValue : offset + length;
        for (int i = FirstEndingAfter(offset); i < _runs.Count && _runs[i].Offset < end; i++)
        {
            var r = _runs[i];
            long s = Math.Max(r.Offset, offset);
            long e = Math.Min(r.End, end);
            if (e > s) result.Add(new DirtyExtent(s, e - s, r.RecordAddress));
        }
        return result;
    }

    /// <summary>Removes bytes [start, end) from all runs, splitting runs that straddle the range.</summary>
    private void Cut(long start, long end)
    {
        int i = FirstEndingAfter(start);
        while (i < _runs.Count && _runs[i].Offset < end)
        {
            var r = _runs[i];
            _runs.RemoveAt(i);
            Bytes -= r.Length;
            if (r.Offset < start)
            {
                _runs.Insert(i++, r with { Length = start - r.Offset });
                Bytes += start - r.Offset;
            }
            if (r.End > end)
            {
                _runs.Insert(i++, new DirtyExtent(end, r.End - end, r.RecordAddress));
                Bytes += r.End - end;
            }
        }
    }

    /// <summary>Index of the first run whose end is beyond offset (binary search; runs are sorted and disjoint).</summary>
    private int FirstEndingAfter(long offset)
    {
        int lo = 0, hi = _runs.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_runs[mid].End <= offset) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}
