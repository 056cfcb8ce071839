namespace GatewayFs.Fs.Windows;

/// <summary>Create or Open: the new file context and its information.</summary>
internal readonly record struct OpenResult(int Status, WinFile? File, FspFileInfo Info);

/// <summary>An operation that answers with file information.</summary>
internal readonly record struct InfoResult(int Status, FspFileInfo Info);

/// <summary>Read or Write: bytes transferred and, for writes, the new file information.</summary>
internal readonly record struct IoResult(int Status, uint Bytes, FspFileInfo Info);

/// <summary>GetVolumeInfo.</summary>
internal readonly record struct VolumeResult(int Status, ulong TotalSize, ulong FreeSize);

/// <summary>
/// GetSecurityByName: the file attributes, or for STATUS_REPARSE the index of the first
/// symlink component in the path (WinFsp reads both from the same out parameter).
/// </summary>
internal readonly record struct SecurityByNameResult(int Status, uint AttributesOrReparseIndex);

/// <summary>A symlink's target for the reparse point calls.</summary>
internal readonly record struct LinkResult(int Status, string? Target);
