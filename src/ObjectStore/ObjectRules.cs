using System.Collections.Immutable;
using System.Text;

namespace GatewayFs.ObjectStore;

/// <summary>
/// The limits S3 puts on keys and user metadata, checked the same way by every store so that
/// what works on the local store also works on S3.
/// </summary>
public static class ObjectRules
{
    /// <summary>Longest key in UTF-8 bytes.</summary>
    public const int MaxKeyBytes = 1024;

    /// <summary>Largest total of user metadata keys and values in bytes.</summary>
    public const int MaxUserMetadataBytes = 2048;

    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    /// <summary>Throws <see cref="ObjectStoreError.InvalidRequest"/> when S3 could not hold this key.</summary>
    public static void ValidateKey(string key)
    {
        if (string.IsNullOrEmpty(key)) throw Invalid("an object key must not be empty");
        int bytes;
        try { bytes = StrictUtf8.GetByteCount(key); }
        catch (EncoderFallbackException) { throw Invalid($"key '{key}' is not valid Unicode (lone surrogate); rename it"); }
        if (bytes > MaxKeyBytes) throw Invalid($"key of {bytes} bytes is longer than S3's {MaxKeyBytes}-byte limit; use a shorter path");
    }

    /// <summary>Throws <see cref="ObjectStoreError.InvalidRequest"/> when user metadata would not survive a round trip through S3.</summary>
    public static void ValidateMetadata(ObjectMetadata metadata)
    {
        int total = 0;
        foreach ((string key, string value) in metadata.User)
        {
            if (key.Length == 0 || !key.All(IsKeyChar))
                throw Invalid($"metadata key '{key}' must be lower-case ASCII letters, digits, '-', '_' or '.'");
            if (!value.All(c => c is >= ' ' and <= '~') || value.Trim().Length != value.Length)
                throw Invalid($"metadata '{key}' value must be printable ASCII without leading or trailing spaces; encode it first");
            total += key.Length + value.Length;
        }
        if (total > MaxUserMetadataBytes)
            throw Invalid($"user metadata of {total} bytes exceeds S3's {MaxUserMetadataBytes}-byte limit; store less per object");
    }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for part numbers S3 does not accept (1 to 10,000).</summary>
    public static void ValidatePartNumber(int partNumber)
    {
        if (partNumber is < 1 or > 10_000)
            throw new ArgumentOutOfRangeException(nameof(partNumber), partNumber, "part numbers run from 1 to 10,000");
    }

    /// <summary>Throws <see cref="ArgumentException"/> unless the stream is seekable and holds exactly <paramref name="length"/> bytes from its position.</summary>
    public static void ValidatePutStream(Stream content, long length)
    {
        if (!content.CanSeek) throw new ArgumentException("PutAsync needs a seekable stream so that a failed attempt can be sent again", nameof(content));
        if (content.Length - content.Position != length)
            throw new ArgumentException($"stream holds {content.Length - content.Position} bytes from its position but length says {length}", nameof(length));
    }

    /// <summary>Returns user metadata with lower-case keys (S3 folds header names).</summary>
    public static ImmutableDictionary<string, string> Normalize(ImmutableDictionary<string, string> user) =>
        user.Keys.All(k => k == k.ToLowerInvariant())
            ? user
            : user.ToImmutableDictionary(p => p.Key.ToLowerInvariant(), p => p.Value);

    private static bool IsKeyChar(char c) => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.';

    private static ObjectStoreException Invalid(string message) => new(ObjectStoreError.InvalidRequest, message);
}
