using GatewayFs.ObjectStore;
using Xunit;

namespace GatewayFs.Tests.ObjectStore;

public abstract partial class ObjectStoreContract
{
    private const int FiveMiB = 5 << 20;

    [Fact]
    public async Task Copy_replaces_metadata_and_keeps_the_bytes()
    {
        byte[] data = TestData.Bytes(50_000, 5);
        ObjectInfo source = await Store.PutAsync("src", data, ObjectMetadata.Empty.With("mode", "33188"), None);

        ObjectMetadata replaced = new ObjectMetadata { ContentType = "application/x-test" }.With("mode", "33261").With("uid", "7");
        ObjectInfo copy = await Store.CopyAsync("src", "dir/dst", replaced, source.ETag, None);

        Assert.Equal(data.Length, copy.Size);
        Assert.Equal(data, await ReadAllAsync("dir/dst"));
        ObjectInfo? head = await Store.HeadAsync("dir/dst", None);
        Assert.Equal("33261", head!.Metadata.User["mode"]);
        Assert.Equal("7", head.Metadata.User["uid"]);
        Assert.Equal("application/x-test", head.Metadata.ContentType);
        Assert.Equal("33188", (await Store.HeadAsync("src", None))!.Metadata.User["mode"]);
    }

    [Fact]
    public async Task Copy_onto_itself_updates_metadata()
    {
        byte[] data = TestData.Bytes(1234, 6);
        await Store.PutAsync("self", data, ObjectMetadata.Empty.With("mode", "1"), None);
        await Store.CopyAsync("self", "self", ObjectMetadata.Empty.With("mode", "2"), null, None);
        Assert.Equal("2", (await Store.HeadAsync("self", None))!.Metadata.User["mode"]);
        Assert.Equal(data, await ReadAllAsync("self"));
    }

    [Fact]
    public async Task Copy_of_a_missing_source_is_not_found()
    {
        var e = await Assert.ThrowsAsync<ObjectStoreException>(() => Store.CopyAsync("absent", "dst", ObjectMetadata.Empty, null, None));
        Assert.Equal(ObjectStoreError.NotFound, e.Error);
        Assert.Null(await Store.HeadAsync("dst", None));
    }

    [Fact]
    public async Task Delete_removes_and_deleting_a_missing_key_is_fine()
    {
        await Store.PutAsync("gone/soon", TestData.Bytes(10), ObjectMetadata.Empty, None);
        await Store.DeleteAsync("gone/soon", None);
        Assert.Null(await Store.HeadAsync("gone/soon", None));
        await Store.DeleteAsync("gone/soon", None);
        await Store.DeleteAsync("never/was", None);
        ListPage page = await Store.ListAsync("", "/", null, 100, None);
        Assert.Empty(page.Objects);
        Assert.Empty(page.CommonPrefixes);
    }

    [Fact]
    public async Task Overwrite_replaces_bytes_and_metadata()
    {
        await Store.PutAsync("over", TestData.Bytes(9000, 1), ObjectMetadata.Empty.With("mode", "1"), None);
        await Store.PutAsync("over", TestData.Bytes(100, 2), ObjectMetadata.Empty, None);
        Assert.Equal(TestData.Bytes(100, 2), await ReadAllAsync("over"));
        Assert.Empty((await Store.HeadAsync("over", None))!.Metadata.User);
    }

    [Fact]
    public async Task Multipart_upload_of_five_MiB_plus_one_byte_round_trips()
    {
        byte[] data = TestData.Bytes(FiveMiB + 1, 9);
        ObjectMetadata metadata = ObjectMetadata.Empty.With("mode", "33188");
        string upload = await Store.CreateMultipartAsync("big/file", metadata, None);
        string e1 = await Store.UploadPartAsync("big/file", upload, 1, data.AsMemory(0, FiveMiB), None);
        string e2 = await Store.UploadPartAsync("big/file", upload, 2, data.AsMemory(FiveMiB), None);
        ObjectInfo done = await Store.CompleteMultipartAsync("big/file", upload, [new(1, e1), new(2, e2)], None);

        Assert.Equal(data.Length, done.Size);
        Assert.Equal(data, await ReadAllAsync("big/file"));
        ObjectInfo? head = await Store.HeadAsync("big/file", None);
        Assert.Equal(data.Length, head!.Size);
        Assert.Equal("33188", head.Metadata.User["mode"]);
        Assert.Equal(done.ETag, head.ETag);
    }

    [Fact]
    public async Task Aborting_a_multipart_upload_is_tolerated_and_leaves_no_object()
    {
        string upload = await Store.CreateMultipartAsync("aborted", ObjectMetadata.Empty, None);
        await Store.UploadPartAsync("aborted", upload, 1, TestData.Bytes(100), None);
        await Store.AbortMultipartAsync("aborted", upload, None);
        Assert.Null(await Store.HeadAsync("aborted", None));
    }

    [Fact]
    public async Task Upload_part_copy_works_or_is_reported_unsupported_and_the_fallback_works()
    {
        byte[] source = TestData.Bytes(FiveMiB + 5000, 11);
        ObjectInfo src = await Store.PutAsync("copy/source", source, ObjectMetadata.Empty, None);
        byte[] tail = TestData.Bytes(777, 12);

        string upload = await Store.CreateMultipartAsync("copy/target", ObjectMetadata.Empty, None);
        string e1;
        try
        {
            e1 = await Store.UploadPartCopyAsync("copy/target", upload, 1, "copy/source", 1000, FiveMiB, src.ETag, None);
            Assert.True(ServerHasUploadPartCopy, "UploadPartCopy worked on a server that should not have it");
            Assert.True(Store.Capabilities.UploadPartCopy);
        }
        catch (ObjectStoreException e) when (e.Error == ObjectStoreError.NotSupported)
        {
            Assert.False(ServerHasUploadPartCopy, $"UploadPartCopy refused: {e.Message}");
            Assert.False(Store.Capabilities.UploadPartCopy);
            // Remembered: the next call fails the same way without asking the server.
            await Assert.ThrowsAsync<ObjectStoreException>(() =>
                Store.UploadPartCopyAsync("copy/target", upload, 1, "copy/source", 1000, FiveMiB, src.ETag, None));
            byte[] range = new byte[FiveMiB];
            Assert.Equal(FiveMiB, await Store.GetRangeAsync("copy/source", 1000, range, src.ETag, None));
            e1 = await Store.UploadPartAsync("copy/target", upload, 1, range, None);
        }
        string e2 = await Store.UploadPartAsync("copy/target", upload, 2, tail, None);
        await Store.CompleteMultipartAsync("copy/target", upload, [new(1, e1), new(2, e2)], None);

        byte[] expected = [.. source[1000..(1000 + FiveMiB)], .. tail];
        Assert.Equal(expected, await ReadAllAsync("copy/target"));
    }

    [Theory]
    [InlineData("with space/file name.txt")]
    [InlineData("unicode/\u00fcber/\u65e5\u672c.txt")]
    [InlineData("plus/a+b=c&d.txt")]
    [InlineData("percent/100%25 sure %41.txt")]
    [InlineData("mixed/+ %2B %?#;,$@!'()*~.bin")]
    public async Task Keys_with_special_characters_work_in_every_operation(string key)
    {
        byte[] data = TestData.Bytes(321, key.Length);
        await Store.PutAsync(key, data, ObjectMetadata.Empty.With("mode", "33188"), None);
        Assert.Equal(data, await ReadAllAsync(key));
        Assert.Equal(321, (await Store.HeadAsync(key, None))!.Size);

        string folder = key[..(key.LastIndexOf('/') + 1)];
        ListPage page = await Store.ListAsync(folder, "/", null, 100, None);
        Assert.Equal(key, Assert.Single(page.Objects).Key);

        string copy = key + ".copy";
        await Store.CopyAsync(key, copy, ObjectMetadata.Empty.With("mode", "420"), null, None);
        Assert.Equal(data, await ReadAllAsync(copy));
        Assert.Equal("420", (await Store.HeadAsync(copy, None))!.Metadata.User["mode"]);

        await Store.DeleteAsync(key, None);
        await Store.DeleteAsync(copy, None);
        Assert.Null(await Store.HeadAsync(key, None));
        Assert.Empty((await Store.ListAsync(folder, "/", null, 100, None)).Objects);
    }
}
