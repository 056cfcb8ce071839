using System.Collections.Immutable;
using System.Text.Json;

namespace GatewayFs.ObjectStore;

/// <summary>A multipart upload in progress: its key and the metadata the object will get.</summary>
internal sealed record LocalUpload(string Key, string? ContentType, string? StorageClass, Dictionary<string, string> User)
{
    public const string FileName = "upload.json";

    public ObjectMetadata Metadata => new()
    {
        User = ImmutableDictionary.CreateRange(StringComparer.Ordinal, User),
        ContentType = ContentType,
        StorageClass = StorageClass,
    };

    public static LocalUpload From(string key, ObjectMetadata metadata) =>
        new(key, metadata.ContentType, metadata.StorageClass, ObjectRules.Normalize(metadata.User).ToDictionary(StringComparer.Ordinal));

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this);

    public static LocalUpload? FromJson(byte[] json) => JsonSerializer.Deserialize<LocalUpload>(json);
}
