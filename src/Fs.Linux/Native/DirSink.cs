using System.Text;

namespace GatewayFs.Fs.Linux.Native;

/// <summary>
/// Collects readdir or readdirplus entries in libfuse's wire format for one reply. Pooled by
/// the session; the filesystem may fill it from any thread, one call at a time.
/// </summary>
internal sealed unsafe class DirSink : IDirSink, IReplyState
{
    private byte[] _buffer = [];
    private int _size;
    private int _used;
    private nint _req;

    public bool Plus { get; private set; }

    /// <summary>Bytes the sink's buffer holds (it grows to the largest request seen).</summary>
    public int Capacity => _buffer.Length;

    /// <summary>The entries written so far.</summary>
    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _used);

    public void Reset(nint req, int size, bool plus)
    {
        _req = req;
        _size = size;
        _used = 0;
        Plus = plus;
        if (_buffer.Length < size) _buffer = new byte[size];
    }

    public bool TryAdd(string name, in FsEntry entry, long nextOffset)
    {
        int max = Encoding.UTF8.GetMaxByteCount(name.Length) + 1;
        Span<byte> nameBuf = max <= 1024 ? stackalloc byte[1024] : new byte[max];
        int len = Encoding.UTF8.GetBytes(name, nameBuf);
        nameBuf[len] = 0;
        nuint room = (nuint)(_size - _used);
        nuint needed;
        fixed (byte* buf = _buffer)
        fixed (byte* n = nameBuf)
        {
            if (Plus)
            {
                EntryParam p;
                NativeConvert.ToEntryParam(entry, &p);
                needed = Libfuse.fuse_add_direntry_plus(_req, buf + _used, room, n, &p, nextOffset);
            }
            else
            {
                StatBuf st;
                NativeConvert.ToStat(entry.NodeId, entry.Attr, &st);
                needed = Libfuse.fuse_add_direntry(_req, buf + _used, room, n, &st, nextOffset);
            }
        }
        // libfuse writes nothing and reports the size it needs when the entry does not fit.
        if (needed > room) return false;
        _used += (int)needed;
        return true;
    }

    public void Done(FuseSession session) => session.ReturnSink(this);
}
