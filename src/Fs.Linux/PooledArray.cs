using System.Buffers;

namespace GatewayFs.Fs.Linux;

/// <summary>An array from the shared pool, returned once the reply is sent.</summary>
internal readonly struct PooledArray(byte[]? array) : IReplyState
{
    public byte[]? Array { get; } = array;

    public void Done(FuseSession session)
    {
        if (Array is not null) ArrayPool<byte>.Shared.Return(Array);
    }
}
