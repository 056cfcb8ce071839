namespace GatewayFs.ObjectStore;

/// <summary>One page of a listing.</summary>
public sealed record ListPage(
    IReadOnlyList<ObjectInfo> Objects,
    IReadOnlyList<string> CommonPrefixes,
    string? ContinuationToken)
{
    /// <summary>True when more pages follow.</summary>
    public bool IsTruncated => ContinuationToken is not null;
}
