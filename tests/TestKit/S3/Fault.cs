namespace GatewayFs.TestKit.S3;

/// <summary>What <see cref="FaultProxy"/> does instead of forwarding a request.</summary>
public enum FaultKind
{
    /// <summary>Answer with an S3 error status and code.</summary>
    Status,
    /// <summary>Reset the client's connection (TCP RST).</summary>
    Reset,
    /// <summary>Accept the request and never answer.</summary>
    Blackhole,
}

/// <summary>One injected fault.</summary>
public sealed record Fault(FaultKind Kind, int Status = 0, string Code = "")
{
    /// <summary>500 InternalError.</summary>
    public static Fault InternalError { get; } = new(FaultKind.Status, 500, "InternalError");

    /// <summary>503 SlowDown (S3 throttling).</summary>
    public static Fault SlowDown { get; } = new(FaultKind.Status, 503, "SlowDown");

    /// <summary>429 TooManyRequests.</summary>
    public static Fault TooManyRequests { get; } = new(FaultKind.Status, 429, "TooManyRequests");

    /// <summary>403 InvalidAccessKeyId: credentials rejected (s3rver itself checks none).</summary>
    public static Fault InvalidAccessKey { get; } = new(FaultKind.Status, 403, "InvalidAccessKeyId");

    /// <summary>403 SignatureDoesNotMatch.</summary>
    public static Fault BadSignature { get; } = new(FaultKind.Status, 403, "SignatureDoesNotMatch");

    /// <summary>Connection reset.</summary>
    public static Fault Reset { get; } = new(FaultKind.Reset);

    /// <summary>Never answer.</summary>
    public static Fault Blackhole { get; } = new(FaultKind.Blackhole);
}

/// <summary>A request as the proxy sees it, for fault filters.</summary>
/// <param name="Method">HTTP method.</param>
/// <param name="Target">Path and query.</param>
/// <param name="Kind">The S3 operation, e.g. GetObject, PutObject, UploadPart, ListObjects.</param>
public sealed record ProxyRequest(string Method, string Target, string Kind);
