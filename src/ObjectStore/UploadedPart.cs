namespace GatewayFs.ObjectStore;

/// <summary>A part of a multipart upload: its 1-based number and the ETag the server returned.</summary>
public readonly record struct UploadedPart(int PartNumber, string ETag);
