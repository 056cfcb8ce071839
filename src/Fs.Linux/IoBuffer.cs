using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace GatewayFs.Fs.Linux;

/// <summary>
/// A pinned (pinned-object-heap) buffer big enough for one kernel request or one read reply.
/// Pinned managed memory instead of malloc: no per-call native allocation, so glibc arenas
/// cannot grow with the number of threads, and the filesystem gets a plain Memory&lt;byte&gt;.
/// </summary>
internal sealed unsafe class IoBuffer
{
    private int _shares;

    public IoBuffer(int size)
    {
        Array = GC.AllocateUninitializedArray<byte>(size, pinned: true);
        Pointer = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(Array));
    }

    public byte[] Array { get; }

    public byte* Pointer { get; }

    public int Length => Array.Length;

    /// <summary>
    /// True while a receive buffer is shared between its loop thread and a pending write that
    /// still reads from it; both must let go (<see cref="ReleaseShare"/>) before it is reused.
    /// </summary>
    public bool IsLent => Volatile.Read(ref _shares) != 0;

    /// <summary>Marks the buffer as shared by the loop thread and one operation.</summary>
    public void Lend() => Volatile.Write(ref _shares, 2);

    /// <summary>Drops one share; true when it was the last, and the buffer may go back to the pool.</summary>
    public bool ReleaseShare() => Interlocked.Decrement(ref _shares) == 0;

    /// <summary>Where <paramref name="p"/> lies inside this buffer, when the whole range does.</summary>
    public bool TryGetOffset(byte* p, int size, out int offset)
    {
        long off = p - Pointer;
        offset = (int)off;
        return off >= 0 && size >= 0 && off + size <= Length;
    }
}
