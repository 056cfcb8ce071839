using GatewayFs.ObjectStore;
using Xunit;

namespace GatewayFs.Tests.ObjectStore;

/// <summary>What only the local store has to get right: files on disk, crashes, S3's own refusals.</summary>
public sealed class LocalDirectoryObjectStoreTests : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("gatewayfs-localstore-").FullName;
    private LocalDirectoryObjectStore _store = null!;

    private static CancellationToken None => CancellationToken.None;

    public Task InitializeAsync()
    {
        _store = new LocalDirectoryObjectStore(_root);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task Objects_survive_reopening_the_directory()
    {
        ObjectInfo put = await _store.PutAsync("d/k", TestData.Bytes(999), ObjectMetadata.Empty.With("uid", "5"), None);
        await using var again = new LocalDirectoryObjectStore(_root);
        ObjectInfo? head = await again.HeadAsync("d/k", None);
        Assert.Equal(put.ETag, head!.ETag);
        Assert.Equal("5", head.Metadata.User["uid"]);
        Assert.Equal(TestData.Bytes(999), await S3ObjectStoreTests.ReadAsync(again, "d/k"));
    }

    [Fact]
    public async Task A_write_that_fails_midway_leaves_the_old_object_and_no_litter()
    {
        await _store.PutAsync("k", TestData.Bytes(100, 1), ObjectMetadata.Empty, None);
        var failing = new FailingStream(TestData.Bytes(300_000, 2), failAfter: 100_000);
        var e = await Assert.ThrowsAsync<ObjectStoreException>(() => _store.PutAsync("k", failing, failing.Length, ObjectMetadata.Empty, None));
        Assert.IsType<IOException>(e.InnerException);
        Assert.Equal(TestData.Bytes(100, 1), await S3ObjectStoreTests.ReadAsync(_store, "k"));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(_root, ".tmp")));
    }

    [Fact]
    public async Task Temporary_files_of_a_crashed_writer_are_never_listed()
    {
        await _store.PutAsync("visible", TestData.Bytes(1), ObjectMetadata.Empty, None);
        await File.WriteAllBytesAsync(Path.Combine(_root, ".tmp", "0123456789abcdef"), TestData.Bytes(10));
        await File.WriteAllBytesAsync(Path.Combine(_root, "objects", "stray-file-without-suffix"), TestData.Bytes(10));
        ListPage page = await _store.ListAsync("", null, null, 100, None);
        Assert.Equal("visible", Assert.Single(page.Objects).Key);
    }

    [Fact]
    public async Task Concurrent_overwrites_leave_one_whole_version()
    {
        byte[][] versions = Enumerable.Range(0, 8).Select(i => TestData.Bytes(200_000, 100 + i)).ToArray();
        await Task.WhenAll(versions.Select(v => Task.Run(() => _store.PutAsync("contended", v, ObjectMetadata.Empty, None))));
        byte[] final = await S3ObjectStoreTests.ReadAsync(_store, "contended");
        Assert.Contains(versions, v => v.AsSpan().SequenceEqual(final));
        ObjectInfo? head = await _store.HeadAsync("contended", None);
        Assert.Equal($"\"{Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(final))}\"", head!.ETag);
    }

    [Fact]
    public async Task A_damaged_object_file_gives_a_clear_error_not_garbage()
    {
        await _store.PutAsync("dir/damaged", TestData.Bytes(5000), ObjectMetadata.Empty, None);
        string file = Directory.EnumerateFiles(Path.Combine(_root, "objects"), "*#o", SearchOption.AllDirectories).Single();
        await using (FileStream f = File.OpenWrite(file)) f.SetLength(4000);
        var e = await Assert.ThrowsAsync<ObjectStoreException>(() => _store.HeadAsync("dir/damaged", None));
        Assert.Contains("no valid trailer", e.Message);
    }

    [Fact]
    public async Task Any_delimiter_groups_like_S3()
    {
        foreach (string key in new[] { "x-1-a", "x-1-b", "x-2", "x-3-c-d", "y" })
            await _store.PutAsync(key, TestData.Bytes(1), ObjectMetadata.Empty, None);
        ListPage page = await _store.ListAsync("x-", "-", null, 100, None);
        Assert.Equal(new[] { "x-2" }, page.Objects.Select(o => o.Key));
        Assert.Equal(new[] { "x-1-", "x-3-" }, page.CommonPrefixes);

        ListPage first = await _store.ListAsync("x-", "-", null, 1, None);
        Assert.Equal(new[] { "x-1-" }, first.CommonPrefixes);
        ListPage second = await _store.ListAsync("x-", "-", first.ContinuationToken, 1, None);
        Assert.Equal("x-2", Assert.Single(second.Objects).Key);
        Assert.Empty(second.CommonPrefixes);
    }

    [Fact]
    public async Task A_foreign_continuation_token_is_refused()
    {
        var e = await Assert.ThrowsAsync<ObjectStoreException>(() => _store.ListAsync("", null, "not-ours", 10, None));
        Assert.Equal(ObjectStoreError.InvalidRequest, e.Error);
    }

    [Fact]
    public async Task Multipart_refuses_what_S3_refuses()
    {
        string upload = await _store.CreateMultipartAsync("m", ObjectMetadata.Empty, None);
        string small = await _store.UploadPartAsync("m", upload, 1, TestData.Bytes(100), None);
        string last = await _store.UploadPartAsync("m", upload, 2, TestData.Bytes(100), None);

        var e = await Assert.ThrowsAsync<ObjectStoreException>(() => _store.CompleteMultipartAsync("m", upload, [new(1, small), new(2, last)], None));
        Assert.Contains("EntityTooSmall", e.Message);
        e = await Assert.ThrowsAsync<ObjectStoreException>(() => _store.CompleteMultipartAsync("m", upload, [new(2, last), new(1, small)], None));
        Assert.Contains("InvalidPartOrder", e.Message);
        e = await Assert.ThrowsAsync<ObjectStoreException>(() => _store.CompleteMultipartAsync("m", upload, [new(1, "\"0000\"")], None));
        Assert.Contains("InvalidPart", e.Message);
        e = await Assert.ThrowsAsync<ObjectStoreException>(() => _store.UploadPartAsync("other-key", upload, 3, TestData.Bytes(1), None));
        Assert.Equal(ObjectStoreError.NotFound, e.Error);
        e = await Assert.ThrowsAsync<ObjectStoreException>(() => _store.UploadPartAsync("m", "../../etc", 3, TestData.Bytes(1), None));
        Assert.Equal(ObjectStoreError.NotFound, e.Error);

        ObjectInfo single = await _store.CompleteMultipartAsync("m", upload, [new(1, small)], None);
        Assert.EndsWith("-1\"", single.ETag);
        await _store.AbortMultipartAsync("m", upload, None);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(_root, ".uploads")));
    }

    [Fact]
    public async Task Check_fails_clearly_when_the_directory_is_gone()
    {
        Directory.Delete(Path.Combine(_root, "objects"), recursive: true);
        var e = await Assert.ThrowsAsync<ObjectStoreException>(() => _store.CheckAsync(None));
        Assert.Equal(ObjectStoreError.NoSuchBucket, e.Error);
        Assert.Contains("is missing", e.Message);
    }

    /// <summary>A seekable stream that throws after some bytes, like a disk or network failing mid-copy.</summary>
    private sealed class FailingStream(byte[] data, int failAfter) : MemoryStream(data)
    {
        // MemoryStream routes span and async reads of derived types through this one.
        public override int Read(byte[] buffer, int offset, int count)
        {
            if (Position >= failAfter) throw new IOException("injected read failure");
            return base.Read(buffer, offset, (int)Math.Min(count, failAfter - Position));
        }
    }
}
