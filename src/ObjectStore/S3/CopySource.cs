using System.Text;

namespace GatewayFs.ObjectStore;

/// <summary>
/// How the <c>x-amz-copy-source</c> header is spelled. AWS wants it URL-encoded (the SDK
/// encodes everything, slashes too); s3rver only applies JavaScript's decodeURI, which leaves
/// <c>%2F</c>, <c>%2B</c> and the other reserved escapes undecoded. The URI-style spelling
/// (<c>bucket/key</c> with only non-reserved characters escaped) is what decodeURI inverts exactly.
/// </summary>
internal enum CopySourceStyle
{
    /// <summary>Unknown yet: try <see cref="Encoded"/>, fall back to <see cref="UriStyle"/>.</summary>
    Unknown,
    /// <summary>The SDK's spelling: fully percent-encoded.</summary>
    Encoded,
    /// <summary><c>bucket/key</c> with reserved characters left as they are.</summary>
    UriStyle,
}

/// <summary>Spells copy sources.</summary>
internal static class CopySource
{
    // RFC 3986 unreserved plus the reserved set that decodeURI does not decode.
    private const string Kept = "-_.!~*'();,/?:@&=+$#";

    /// <summary>The URI-style header value for a source object.</summary>
    public static string UriStyle(string bucket, string key)
    {
        var sb = new StringBuilder(bucket.Length + key.Length + 8).Append(bucket).Append('/');
        foreach (byte b in Encoding.UTF8.GetBytes(key))
        {
            char c = (char)b;
            if (b < 0x80 && (char.IsAsciiLetterOrDigit(c) || Kept.Contains(c))) sb.Append(c);
            else sb.Append('%').Append(b.ToString("X2"));
        }
        return sb.ToString();
    }
}
