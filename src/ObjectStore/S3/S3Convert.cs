using Amazon.S3;
using Amazon.S3.Model;

namespace GatewayFs.ObjectStore;

/// <summary>Conversions between SDK types and ours.</summary>
internal static class S3Convert
{
    private const string MetaPrefix = "x-amz-meta-";

    /// <summary>ETags are compared and stored quoted, as S3 sends them.</summary>
    public static string QuoteETag(string etag) => etag.StartsWith('"') ? etag : $"\"{etag}\"";

    public static DateTimeOffset ToOffset(DateTime? time)
    {
        if (time is not { } t) return DateTimeOffset.UnixEpoch;
        return new DateTimeOffset(t.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(t, DateTimeKind.Utc) : t.ToUniversalTime());
    }

    public static ObjectMetadata ReadMetadata(MetadataCollection? user, string? contentType, S3StorageClass? storageClass)
    {
        var builder = System.Collections.Immutable.ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        if (user is not null)
        {
            foreach (string name in user.Keys)
            {
                string bare = name.StartsWith(MetaPrefix, StringComparison.OrdinalIgnoreCase) ? name[MetaPrefix.Length..] : name;
                builder[bare.ToLowerInvariant()] = user[name];
            }
        }
        return new ObjectMetadata
        {
            User = builder.ToImmutable(),
            ContentType = contentType,
            StorageClass = StorageClassName(storageClass),
        };
    }

    public static void WriteMetadata(MetadataCollection target, ObjectMetadata metadata)
    {
        foreach ((string key, string value) in metadata.User) target.Add(key.ToLowerInvariant(), value);
    }

    public static S3StorageClass? StorageClass(ObjectMetadata metadata) =>
        metadata.StorageClass is null ? null : S3StorageClass.FindValue(metadata.StorageClass);

    /// <summary>S3 omits the class for STANDARD objects in HEAD; we always name it.</summary>
    public static string StorageClassName(S3StorageClass? storageClass) =>
        storageClass?.Value is { Length: > 0 } value ? value : "STANDARD";

    /// <summary>Parses <c>bytes first-last/total</c>; null parts when absent or unknown (<c>*</c>).</summary>
    public static (long? First, long? Total) ParseContentRange(string? contentRange)
    {
        if (string.IsNullOrEmpty(contentRange)) return (null, null);
        string text = contentRange.StartsWith("bytes ", StringComparison.OrdinalIgnoreCase) ? contentRange[6..] : contentRange;
        int dash = text.IndexOf('-');
        int slash = text.IndexOf('/');
        long? first = dash > 0 && long.TryParse(text.AsSpan(0, dash), out long f) ? f : null;
        long? total = slash >= 0 && long.TryParse(text.AsSpan(slash + 1), out long s) ? s : null;
        return (first, total);
    }
}
