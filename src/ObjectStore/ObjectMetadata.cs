using System.Collections.Immutable;

namespace GatewayFs.ObjectStore;

/// <summary>User metadata (lower-case keys without <c>x-amz-meta-</c>), content type and storage class of an object.</summary>
public sealed record ObjectMetadata
{
    /// <summary>No metadata.</summary>
    public static ObjectMetadata Empty { get; } = new();

    /// <summary>User metadata pairs.</summary>
    public ImmutableDictionary<string, string> User { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>Content-Type, when set.</summary>
    public string? ContentType { get; init; }

    /// <summary>Storage class to write with (null: the bucket default).</summary>
    public string? StorageClass { get; init; }

    /// <summary>Returns a copy with one user key set.</summary>
    public ObjectMetadata With(string key, string value) => this with { User = User.SetItem(key.ToLowerInvariant(), value) };
}
