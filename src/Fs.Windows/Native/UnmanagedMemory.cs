using System.Buffers;

namespace GatewayFs.Fs.Windows.Native;

/// <summary>
/// A <see cref="Memory{T}"/> over a buffer WinFsp owns (the caller's mapped I/O buffer), so the
/// filesystem reads into and writes from it without a copy. Valid until the operation is answered.
/// </summary>
internal sealed unsafe class UnmanagedMemory(void* pointer, int length) : MemoryManager<byte>
{
    public override Span<byte> GetSpan() => new(pointer, length);

    public override MemoryHandle Pin(int elementIndex = 0) => new((byte*)pointer + elementIndex);

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
    }
}
