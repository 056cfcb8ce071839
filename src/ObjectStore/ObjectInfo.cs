namespace GatewayFs.ObjectStore;

/// <summary>One object as HEAD or a listing reports it. <see cref="Metadata"/> is empty from listings.</summary>
public sealed record ObjectInfo(string Key, long Size, DateTimeOffset LastModified, string ETag)
{
    /// <summary>User metadata (keys without the x-amz-meta- prefix, lower case) and content type.</summary>
    public ObjectMetadata Metadata { get; init; } = ObjectMetadata.Empty;

    /// <summary>Storage class when the store reports one (STANDARD, GLACIER, …).</summary>
    public string? StorageClass { get; init; }
}
