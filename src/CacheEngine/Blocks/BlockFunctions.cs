using FASTER.core;

namespace GatewayFs.CacheEngine.Blocks;

/// <summary>What a read asks for: the block and where its bytes go.</summary>
internal struct BlockInput
{
    internal BlockIdentity Identity;
    internal long Index;
    internal int BlockSize;
    internal Memory<byte> Destination;
}

/// <summary>What a read found.</summary>
internal struct BlockOutput
{
    internal BlockReadOutcome Outcome;
    internal int Length;
}

/// <summary>
/// FASTER callbacks: readers verify and copy straight from the log (memory or the I/O buffer)
/// into the caller's destination. Stored values are never updated in place (ConcurrentWriter
/// returns false, so an upsert appends a new record): a reader copying a block can never see
/// it change under it.
/// </summary>
internal sealed class BlockFunctions : FunctionsBase<SpanByte, SpanByte, BlockInput, BlockOutput, Empty>
{
    public override bool SingleReader(ref SpanByte key, ref BlockInput input, ref SpanByte value, ref BlockOutput dst, ref ReadInfo readInfo)
        => Read(ref input, ref value, ref dst);

    public override bool ConcurrentReader(ref SpanByte key, ref BlockInput input, ref SpanByte value, ref BlockOutput dst, ref ReadInfo readInfo)
        => Read(ref input, ref value, ref dst);

    private static bool Read(ref BlockInput input, ref SpanByte value, ref BlockOutput dst)
    {
        dst.Outcome = BlockCodec.TryCopy(value.AsReadOnlySpan(), input.BlockSize, input.Identity, input.Index, input.Destination.Span, out dst.Length);
        return true;
    }

    public override bool SingleWriter(ref SpanByte key, ref BlockInput input, ref SpanByte src, ref SpanByte dst, ref BlockOutput output, ref UpsertInfo upsertInfo, WriteReason reason)
    {
        src.CopyTo(ref dst);
        return true;
    }

    public override bool ConcurrentWriter(ref SpanByte key, ref BlockInput input, ref SpanByte src, ref SpanByte dst, ref BlockOutput output, ref UpsertInfo upsertInfo) => false;

    /// <remarks>A tombstone has no room for a value: do not write one.</remarks>
    public override bool SingleDeleter(ref SpanByte key, ref SpanByte value, ref DeleteInfo deleteInfo) => true;
}
