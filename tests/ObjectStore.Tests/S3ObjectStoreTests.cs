using GatewayFs.ObjectStore;
using GatewayFs.TestKit.S3;
using Xunit;

namespace GatewayFs.Tests.ObjectStore;

/// <summary>S3-only behaviour: fallbacks learned once, options checked up front.</summary>
[Collection(S3rverCollection.Name)]
public sealed class S3ObjectStoreTests(S3rverFixture s3rver)
{
    private static CancellationToken None => CancellationToken.None;

    [Fact]
    public async Task The_copy_source_spelling_is_learned_on_the_first_copy_and_kept()
    {
        string bucket = await s3rver.CreateBucketAsync();
        await using FaultProxy proxy = FaultProxy.Start(s3rver.Endpoint);
        await using var store = new S3ObjectStore(s3rver.OptionsFor(bucket, proxy.Endpoint));
        await store.PutAsync("a b+c", TestData.Bytes(10), ObjectMetadata.Empty, None);

        await store.CopyAsync("a b+c", "d1", ObjectMetadata.Empty, null, None);
        Assert.Equal(2, proxy.Count("CopyObject")); // the SDK's encoded spelling, then the one s3rver decodes
        await store.CopyAsync("a b+c", "d2", ObjectMetadata.Empty, null, None);
        Assert.Equal(3, proxy.Count("CopyObject"));
        Assert.Equal(TestData.Bytes(10), await ReadAsync(store, "d2"));
    }

    [Fact]
    public async Task Upload_part_copy_is_asked_once_and_then_known_unsupported()
    {
        string bucket = await s3rver.CreateBucketAsync();
        await using FaultProxy proxy = FaultProxy.Start(s3rver.Endpoint);
        await using var store = new S3ObjectStore(s3rver.OptionsFor(bucket, proxy.Endpoint));
        ObjectInfo src = await store.PutAsync("src", TestData.Bytes(100), ObjectMetadata.Empty, None);
        string upload = await store.CreateMultipartAsync("dst", ObjectMetadata.Empty, None);
        Assert.Null(store.Capabilities.UploadPartCopy);
        for (int i = 0; i < 3; i++)
        {
            var e = await Assert.ThrowsAsync<ObjectStoreException>(() => store.UploadPartCopyAsync("dst", upload, 1, "src", 0, 100, src.ETag, None));
            Assert.Equal(ObjectStoreError.NotSupported, e.Error);
            Assert.Contains("UploadPartCopy", e.Message);
        }
        Assert.False(store.Capabilities.UploadPartCopy);
        Assert.InRange(proxy.Count("UploadPartCopy"), 1, 2); // one question (two spellings at most), never again
        await store.AbortMultipartAsync("dst", upload, None);
    }

    [Fact]
    public void Unusable_options_are_refused_before_any_request()
    {
        var e = Assert.Throws<ArgumentException>(() => new S3ObjectStore(s3rver.OptionsFor("b") with { Endpoint = new Uri("ftp://x") }));
        Assert.Contains("--endpoint", e.Message);
        e = Assert.Throws<ArgumentException>(() => new S3ObjectStore(s3rver.OptionsFor("b") with { SecretKey = null }));
        Assert.Contains("secret", e.Message);
        e = Assert.Throws<ArgumentException>(() => new S3ObjectStore(s3rver.OptionsFor("") ));
        Assert.Contains("--bucket", e.Message);
    }

    [Fact]
    public async Task Description_names_bucket_and_endpoint()
    {
        await using S3ObjectStore store = s3rver.CreateStore("some-bucket");
        Assert.Equal($"s3://some-bucket @ {s3rver.Endpoint.ToString().TrimEnd('/')}", store.Description);
    }

    internal static async Task<byte[]> ReadAsync(IObjectStore store, string key)
    {
        await using ObjectReadStream read = await store.OpenReadAsync(key, 0, null, CancellationToken.None);
        return await TestData.ReadAllAsync(read.Body);
    }
}
