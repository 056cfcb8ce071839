using GatewayFs.ObjectStore;
using Xunit;

namespace GatewayFs.Tests.ObjectStore;

/// <summary>
/// The behaviour every <see cref="IObjectStore"/> must have, S3's. Derived classes supply the
/// store (S3 on s3rver, local directory); the same facts run against each.
/// </summary>
public abstract partial class ObjectStoreContract : IAsyncLifetime
{
    protected IObjectStore Store { get; private set; } = null!;

    protected static CancellationToken None => CancellationToken.None;

    /// <summary>A fresh, empty store (a new bucket or directory) for one test.</summary>
    protected abstract Task<IObjectStore> CreateStoreAsync();

    /// <summary>Whether the server under test implements UploadPartCopy.</summary>
    protected abstract bool ServerHasUploadPartCopy { get; }

    /// <summary>
    /// False for s3rver: it walks its directory tree, so a flat listing puts <c>a/1</c> before
    /// <c>a-b</c> (S3 orders by the whole key: '-' sorts before '/').
    /// </summary>
    protected virtual bool ListsInS3Order => true;

    /// <summary>False for s3rver: max-keys limits objects only, common prefixes come on top.</summary>
    protected virtual bool CountsPrefixesInPageSize => true;

    public async Task InitializeAsync() => Store = await CreateStoreAsync();

    public async Task DisposeAsync() => await Store.DisposeAsync();

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4097)]
    [InlineData((1 << 20) + 3)]
    public async Task Bytes_round_trip(int size)
    {
        byte[] data = TestData.Bytes(size, seed: size);
        ObjectInfo put = await Store.PutAsync("data/blob.bin", data, ObjectMetadata.Empty, None);
        Assert.Equal(size, put.Size);

        await using (ObjectReadStream read = await Store.OpenReadAsync("data/blob.bin", 0, null, None))
        {
            Assert.Equal(data, await TestData.ReadAllAsync(read.Body));
            Assert.Equal(size, read.Info.Size);
            Assert.Equal(put.ETag, read.Info.ETag);
        }
        byte[] viaRange = new byte[size + 10];
        int n = await Store.GetRangeAsync("data/blob.bin", 0, viaRange, null, None);
        Assert.Equal(size, n);
        Assert.Equal(data, viaRange[..n]);

        ObjectInfo? head = await Store.HeadAsync("data/blob.bin", None);
        Assert.NotNull(head);
        Assert.Equal(size, head.Size);
        Assert.Equal(put.ETag, head.ETag);
    }

    [Fact]
    public async Task Put_from_stream_writes_the_stream_from_its_position()
    {
        byte[] data = TestData.Bytes(70_000);
        using var stream = new MemoryStream(data) { Position = 100 };
        await Store.PutAsync("s", stream, data.Length - 100, ObjectMetadata.Empty, None);
        Assert.Equal(data[100..], await ReadAllAsync("s"));
    }

    [Fact]
    public async Task Same_content_gives_same_etag_and_different_content_a_different_one()
    {
        ObjectInfo a = await Store.PutAsync("a", TestData.Bytes(1000, 7), ObjectMetadata.Empty, None);
        ObjectInfo b = await Store.PutAsync("b", TestData.Bytes(1000, 7), ObjectMetadata.Empty, None);
        ObjectInfo c = await Store.PutAsync("c", TestData.Bytes(1000, 8), ObjectMetadata.Empty, None);
        Assert.Equal(a.ETag, b.ETag);
        Assert.NotEqual(a.ETag, c.ETag);
        Assert.StartsWith("\"", a.ETag);
    }

    [Fact]
    public async Task User_metadata_content_type_and_storage_class_round_trip()
    {
        ObjectMetadata metadata = new ObjectMetadata { ContentType = "text/x-gatewayfs", StorageClass = "STANDARD_IA" }
            .With("mode", "33188").With("uid", "1000").With("gid", "1000").With("mtime", "1700000000.25");
        await Store.PutAsync("meta", TestData.Bytes(10), metadata, None);

        ObjectInfo? head = await Store.HeadAsync("meta", None);
        Assert.NotNull(head);
        Assert.Equal(4, head.Metadata.User.Count);
        Assert.Equal("33188", head.Metadata.User["mode"]);
        Assert.Equal("1000", head.Metadata.User["uid"]);
        Assert.Equal("1000", head.Metadata.User["gid"]);
        Assert.Equal("1700000000.25", head.Metadata.User["mtime"]);
        Assert.Equal("text/x-gatewayfs", head.Metadata.ContentType);
        Assert.Equal("STANDARD_IA", head.StorageClass);

        await using ObjectReadStream read = await Store.OpenReadAsync("meta", 0, null, None);
        Assert.Equal("33188", read.Info.Metadata.User["mode"]);
    }

    [Fact]
    public async Task Storage_class_is_standard_when_none_was_asked_for()
    {
        await Store.PutAsync("plain", TestData.Bytes(3), ObjectMetadata.Empty, None);
        Assert.Equal("STANDARD", (await Store.HeadAsync("plain", None))!.StorageClass);
        ListPage page = await Store.ListAsync("", null, null, 10, None);
        Assert.Equal("STANDARD", Assert.Single(page.Objects).StorageClass);
    }

    [Fact]
    public async Task Metadata_that_S3_cannot_hold_is_refused_with_a_clear_error()
    {
        var e = await Assert.ThrowsAsync<ObjectStoreException>(() =>
            Store.PutAsync("x", TestData.Bytes(1), ObjectMetadata.Empty.With("name", "caf\u00e9"), None));
        Assert.Equal(ObjectStoreError.InvalidRequest, e.Error);
        Assert.Contains("ASCII", e.Message);
        Assert.Null(await Store.HeadAsync("x", None));
    }

    [Fact]
    public async Task Missing_objects_are_null_on_head_and_not_found_on_read()
    {
        Assert.Null(await Store.HeadAsync("nope", None));
        var e = await Assert.ThrowsAsync<ObjectStoreException>(() => Store.GetRangeAsync("nope", 0, new byte[10], null, None));
        Assert.Equal(ObjectStoreError.NotFound, e.Error);
        e = await Assert.ThrowsAsync<ObjectStoreException>(() => Store.OpenReadAsync("nope", 0, null, None));
        Assert.Equal(ObjectStoreError.NotFound, e.Error);
    }

    [Fact]
    public async Task Check_passes_on_a_usable_store()
    {
        await Store.CheckAsync(None);
        Assert.False(string.IsNullOrWhiteSpace(Store.Description));
    }

    protected async Task<byte[]> ReadAllAsync(string key)
    {
        await using ObjectReadStream read = await Store.OpenReadAsync(key, 0, null, None);
        return await TestData.ReadAllAsync(read.Body);
    }
}
