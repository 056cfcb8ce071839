namespace GatewayFs.Volumes;

/// <summary>How much is left to upload during a flush.</summary>
public readonly record struct FlushProgress(long BytesLeft, int FilesLeft, long BytesDone, double BytesPerSecond);
