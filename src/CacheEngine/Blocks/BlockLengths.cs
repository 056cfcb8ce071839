using FASTER.core;

namespace GatewayFs.CacheEngine.Blocks;

/// <summary>
/// SpanByte lengths with an honest initial-length hint. FASTER sizes its first disk read of a
/// record from these hints; the stock hint (4 bytes) makes every miss in memory cost two I/Os
/// (header, then the rest). With the expected block record size it is one.
/// </summary>
internal sealed class HintedSpanByteLength : IVariableLengthStruct<SpanByte>
{
    private readonly int _initial;

    internal HintedSpanByteLength(int expectedPayload) => _initial = sizeof(int) + expectedPayload;

    public int GetInitialLength() => _initial;

    public int GetLength(ref SpanByte t) => sizeof(int) + t.Length;

    public unsafe void Serialize(ref SpanByte source, void* destination) => source.CopyTo((byte*)destination);

    public unsafe ref SpanByte AsRef(void* source) => ref SpanByte.Reinterpret((byte*)source);

    public unsafe void Initialize(void* source, void* end) => *(int*)source = (int)((byte*)end - (byte*)source) - sizeof(int);
}
