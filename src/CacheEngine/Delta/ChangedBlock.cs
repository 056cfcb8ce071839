namespace GatewayFs.CacheEngine;

/// <summary>A block of a file of a stored volume that changed in some epoch.</summary>
public readonly record struct ChangedBlock(ulong FileId, long BlockIndex);
