using System.Runtime.InteropServices;

namespace GatewayFs.Bench.CacheEngine;

/// <summary>A 4 KiB-aligned native buffer, as O_DIRECT needs.</summary>
public sealed unsafe class Aligned : IDisposable
{
    public Aligned(int length)
    {
        Length = length;
        Pointer = (byte*)NativeMemory.AlignedAlloc((nuint)length, 4096);
        new Span<byte>(Pointer, length).Fill(0x5A);
    }

    public byte* Pointer { get; private set; }

    public int Length { get; }

    public Span<byte> Span => new(Pointer, Length);

    public void Dispose()
    {
        if (Pointer is null) return;
        NativeMemory.AlignedFree(Pointer);
        Pointer = null;
    }
}
