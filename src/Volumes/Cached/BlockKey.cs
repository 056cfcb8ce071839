namespace GatewayFs.Volumes.Cached;

/// <summary>One block of one object version.</summary>
internal readonly record struct BlockKey(BlockSource Source, long Index);
