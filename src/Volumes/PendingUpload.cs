namespace GatewayFs.Volumes;

/// <summary>One file waiting for (or in) upload, and why it is still waiting.</summary>
public sealed record PendingUpload(string Path, long Size, bool Uploading, bool OpenForWriting, int Attempts, string? LastError, TimeSpan? DueIn);
