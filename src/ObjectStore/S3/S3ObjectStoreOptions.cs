namespace GatewayFs.ObjectStore;

/// <summary>Where and how to reach an S3 bucket. Immutable; one per store.</summary>
public sealed record S3ObjectStoreOptions
{
    /// <summary>Bucket name (required).</summary>
    public required string Bucket { get; init; }

    /// <summary>S3-compatible endpoint, e.g. <c>http://127.0.0.1:9000</c>; null for AWS S3.</summary>
    public Uri? Endpoint { get; init; }

    /// <summary>Region; null takes AWS_REGION, AWS_DEFAULT_REGION, the profile's region, else us-east-1.</summary>
    public string? Region { get; init; }

    /// <summary>Path-style addressing (<c>endpoint/bucket/key</c>); null: on for custom endpoints, off for AWS.</summary>
    public bool? ForcePathStyle { get; init; }

    /// <summary>Named profile from ~/.aws/credentials or ~/.aws/config; null follows the default chain (AWS_PROFILE, default).</summary>
    public string? Profile { get; init; }

    /// <summary>Explicit access key id (with <see cref="SecretKey"/>); overrides the chain.</summary>
    public string? AccessKey { get; init; }

    /// <summary>Explicit secret key.</summary>
    public string? SecretKey { get; init; }

    /// <summary>Session token for temporary explicit credentials.</summary>
    public string? SessionToken { get; init; }

    /// <summary>Send unsigned requests; only when asked for, never as a fallback.</summary>
    public bool Anonymous { get; init; }

    /// <summary>
    /// Longest time one attempt may take before it counts as a timeout; bodies add
    /// <see cref="MinimumThroughput"/> time on top.
    /// </summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest time to establish a TCP connection.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Bytes per second a transfer is allowed to be as slow as before it times out.</summary>
    public long MinimumThroughput { get; init; } = 1L << 20;

    /// <summary>Retry policy for transient failures.</summary>
    public RetryPolicy Retry { get; init; } = RetryPolicy.Default;

    /// <summary>True when the endpoint is AWS S3 itself (no custom endpoint).</summary>
    public bool IsAws => Endpoint is null;

    /// <summary>The time allowed for one attempt that moves <paramref name="bodyBytes"/> bytes.</summary>
    public TimeSpan AttemptTimeout(long bodyBytes) =>
        RequestTimeout + TimeSpan.FromSeconds((double)Math.Max(0, bodyBytes) / Math.Max(1, MinimumThroughput));

    /// <summary>Throws when the options cannot work, saying which option to fix.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Bucket)) throw new ArgumentException("no bucket given; pass --bucket NAME");
        if (Endpoint is not null && Endpoint.Scheme is not ("http" or "https"))
            throw new ArgumentException($"endpoint '{Endpoint}' is not an http:// or https:// URL; check --endpoint");
        if ((AccessKey is null) != (SecretKey is null))
            throw new ArgumentException("an access key needs its secret key and the other way round; set both or neither");
        if (Anonymous && (AccessKey is not null || Profile is not null))
            throw new ArgumentException("anonymous access takes no credentials; drop the keys/profile or anonymous");
        if (RequestTimeout <= TimeSpan.Zero || ConnectTimeout <= TimeSpan.Zero)
            throw new ArgumentException("request and connect timeouts must be positive");
        Retry.Validate();
    }
}
