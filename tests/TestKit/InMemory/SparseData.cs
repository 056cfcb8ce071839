namespace GatewayFs.TestKit.InMemory;

/// <summary>
/// The bytes of one regular file, stored in fixed-size chunks keyed by chunk index so that
/// holes cost nothing and reads copy straight from the chunks. Not thread-safe: the owning
/// node's lock guards it.
/// </summary>
internal sealed class SparseData
{
    internal const int ChunkShift = 18;
    internal const int ChunkSize = 1 << ChunkShift; // 256 KiB: few chunks per 1 MiB request, little waste on small files
    private const long ChunkMask = ChunkSize - 1;

    private readonly Dictionary<long, byte[]> _chunks = new();

    /// <summary>File size in bytes.</summary>
    public long Length { get; private set; }

    /// <summary>Chunks that hold data (the rest are holes).</summary>
    public int ChunkCount => _chunks.Count;

    /// <summary>Copies up to <c>dest.Length</c> bytes at <paramref name="offset"/>; holes read as zeros.</summary>
    public int Read(long offset, Span<byte> dest)
    {
        if (offset >= Length) return 0;
        int total = (int)Math.Min(dest.Length, Length - offset);
        int done = 0;
        while (done < total)
        {
            long pos = offset + done;
            int inChunk = (int)(pos & ChunkMask);
            int n = Math.Min(total - done, ChunkSize - inChunk);
            var target = dest.Slice(done, n);
            if (_chunks.TryGetValue(pos >> ChunkShift, out var chunk))
                chunk.AsSpan(inChunk, n).CopyTo(target);
            else
                target.Clear();
            done += n;
        }
        return total;
    }

    /// <summary>How many chunks a write of <paramref name="count"/> bytes at <paramref name="offset"/> would add.</summary>
    public int MissingChunks(long offset, long count)
    {
        if (count <= 0) return 0;
        long first = offset >> ChunkShift, last = (offset + count - 1) >> ChunkShift;
        int missing = 0;
        for (long i = first; i <= last; i++)
            if (!_chunks.ContainsKey(i)) missing++;
        return missing;
    }

    /// <summary>Writes <paramref name="src"/> at <paramref name="offset"/>, growing the file when needed.</summary>
    public void Write(long offset, ReadOnlySpan<byte> src)
    {
        int done = 0;
        while (done < src.Length)
        {
            long pos = offset + done;
            int inChunk = (int)(pos & ChunkMask);
            int n = Math.Min(src.Length - done, ChunkSize - inChunk);
            long index = pos >> ChunkShift;
            if (!_chunks.TryGetValue(index, out var chunk))
                _chunks[index] = chunk = new byte[ChunkSize];
            src.Slice(done, n).CopyTo(chunk.AsSpan(inChunk, n));
            done += n;
        }
        Length = Math.Max(Length, offset + src.Length);
    }

    /// <summary>Sets the size; returns how many chunks were dropped.</summary>
    public int SetLength(long length)
    {
        int dropped = 0;
        if (length < Length)
        {
            long keep = (length + ChunkMask) >> ChunkShift; // chunks [0, keep) may still hold data
            if (_chunks.Count > 0)
            {
                foreach (long index in _chunks.Keys.Where(i => i >= keep).ToList())
                {
                    _chunks.Remove(index);
                    dropped++;
                }
            }
            // Zero the cut-off tail of the last kept chunk so a later extension reads zeros.
            int tail = (int)(length & ChunkMask);
            if (tail != 0 && _chunks.TryGetValue(length >> ChunkShift, out var last))
                last.AsSpan(tail).Clear();
        }
        Length = length;
        return dropped;
    }

    /// <summary>Drops every chunk; returns how many there were.</summary>
    public int Clear() => SetLength(0);
}
