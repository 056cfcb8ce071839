using GatewayFs.ObjectStore;
using Xunit;

namespace GatewayFs.Tests.ObjectStore;

public sealed class KeyMappingTests
{
    [Fact]
    public void Key_order_is_code_point_order_like_S3()
    {
        string[] keys = ["b", "a/1", "a-b", "a", "a0", "\uFFFD", "\U0001F600", "\u00e9", "A", ""];
        string[] sorted = keys.Order(KeyOrder.Instance).ToArray();
        Assert.Equal(new[] { "", "A", "a", "a-b", "a/1", "a0", "b", "\u00e9", "\uFFFD", "\U0001F600" }, sorted);
        // Ordinal UTF-16 order would put the emoji (a surrogate pair, 0xD83D…) before U+FFFD.
        Assert.True(string.CompareOrdinal("\U0001F600", "\uFFFD") < 0);
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("100%")]
    [InlineData("a#b")]
    [InlineData("win\\dows:*?\"<>|")]
    [InlineData("ctl\u0001\u007f")]
    [InlineData("%41")]
    [InlineData("\u65e5\u672c")]
    public void Escaping_round_trips_and_leaves_no_marker_or_forbidden_character(string segment)
    {
        string escaped = LocalKeyPaths.Escape(segment);
        Assert.Equal(segment, LocalKeyPaths.Unescape(escaped));
        Assert.DoesNotContain('#', escaped);
        Assert.DoesNotContain(escaped, c => c < 0x20 || "\\:*?\"<>|".Contains(c));
    }

    [Fact]
    public void Keys_map_to_paths_that_stay_under_the_root()
    {
        string root = Path.Combine(Path.GetTempPath(), "root");
        foreach (string key in new[] { "../../etc/passwd", "/abs", "a//b", ".", "..", "a/./b/../c", "dir/" })
        {
            string path = Path.GetFullPath(LocalKeyPaths.ObjectPath(root, key));
            Assert.StartsWith(root + Path.DirectorySeparatorChar, path);
        }
        Assert.NotEqual(LocalKeyPaths.ObjectPath(root, "a"), LocalKeyPaths.ObjectPath(root, "a/"));
        Assert.Equal("x", LocalKeyPaths.Token("x#o"));
        Assert.Equal("x/", LocalKeyPaths.Token("x#d"));
        Assert.Null(LocalKeyPaths.Token("0123abcd"));
    }

    [Fact]
    public void A_segment_longer_than_a_file_name_is_refused_clearly()
    {
        var e = Assert.Throws<ObjectStoreException>(() => LocalKeyPaths.ObjectPath("/r", "dir/" + new string('x', 300)));
        Assert.Equal(ObjectStoreError.InvalidRequest, e.Error);
        Assert.Contains("255 bytes", e.Message);
    }

    [Theory]
    [InlineData("plain/key.txt", "bkt/plain/key.txt")]
    [InlineData("a b/\u00fc", "bkt/a%20b/%C3%BC")]
    [InlineData("a+b=c&d", "bkt/a+b=c&d")]
    [InlineData("100%", "bkt/100%25")]
    public void Uri_style_copy_sources_are_what_decodeURI_inverts(string key, string header)
    {
        Assert.Equal(header, CopySource.UriStyle("bkt", key));
        Assert.Equal("bkt/" + key, Uri.UnescapeDataString(CopySource.UriStyle("bkt", key).Replace("+", "%2B")));
    }

    [Fact]
    public void Keys_and_metadata_S3_cannot_hold_are_refused()
    {
        Assert.Equal(ObjectStoreError.InvalidRequest, Assert.Throws<ObjectStoreException>(() => ObjectRules.ValidateKey("")).Error);
        Assert.Contains("1024", Assert.Throws<ObjectStoreException>(() => ObjectRules.ValidateKey(new string('k', 1025))).Message);
        Assert.Contains("surrogate", Assert.Throws<ObjectStoreException>(() => ObjectRules.ValidateKey("bad\uD800")).Message);
        ObjectRules.ValidateKey(new string('k', 1024));
        Assert.Throws<ObjectStoreException>(() => ObjectRules.ValidateMetadata(ObjectMetadata.Empty.With("bad key", "v")));
        Assert.Throws<ObjectStoreException>(() => ObjectRules.ValidateMetadata(ObjectMetadata.Empty.With("k", " padded")));
        Assert.Throws<ObjectStoreException>(() => ObjectRules.ValidateMetadata(ObjectMetadata.Empty.With("k", new string('v', 2100))));
        ObjectRules.ValidateMetadata(ObjectMetadata.Empty.With("Mode", "33188"));
    }
}
