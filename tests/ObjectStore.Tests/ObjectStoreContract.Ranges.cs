using GatewayFs.ObjectStore;
using Xunit;

namespace GatewayFs.Tests.ObjectStore;

public abstract partial class ObjectStoreContract
{
    [Theory]
    [InlineData(0, 1)]          // first byte (s3rver answers bytes=0-0 with the whole object)
    [InlineData(1000, 5000)]    // middle
    [InlineData(9999, 1)]       // last byte
    [InlineData(9000, 4000)]    // runs past the end: the tail
    [InlineData(10_000, 100)]   // starts at the end
    [InlineData(20_000, 100)]   // starts past the end
    public async Task Ranged_reads_return_exactly_the_bytes_asked_for(long offset, int length)
    {
        byte[] data = TestData.Bytes(10_000, 3);
        await Store.PutAsync("ranged", data, ObjectMetadata.Empty, None);

        byte[] buffer = new byte[length];
        int n = await Store.GetRangeAsync("ranged", offset, buffer, null, None);

        int expected = (int)Math.Clamp(data.Length - offset, 0, length);
        Assert.Equal(expected, n);
        Assert.Equal(data.AsSpan((int)Math.Min(offset, data.Length), expected).ToArray(), buffer[..n]);
    }

    [Fact]
    public async Task Open_read_from_an_offset_streams_the_rest()
    {
        byte[] data = TestData.Bytes(300_000, 4);
        await Store.PutAsync("tail", data, ObjectMetadata.Empty, None);

        await using (ObjectReadStream read = await Store.OpenReadAsync("tail", 123_456, null, None))
        {
            Assert.Equal(data[123_456..], await TestData.ReadAllAsync(read.Body));
            Assert.Equal(data.Length, read.Info.Size);
        }
        await using (ObjectReadStream past = await Store.OpenReadAsync("tail", data.Length + 5, null, None))
        {
            Assert.Empty(await TestData.ReadAllAsync(past.Body));
        }
    }

    [Fact]
    public async Task If_match_fails_once_the_object_changed()
    {
        ObjectInfo first = await Store.PutAsync("changing", TestData.Bytes(5000, 1), ObjectMetadata.Empty, None);
        byte[] buffer = new byte[100];
        Assert.Equal(100, await Store.GetRangeAsync("changing", 10, buffer, first.ETag, None));

        ObjectInfo second = await Store.PutAsync("changing", TestData.Bytes(5000, 2), ObjectMetadata.Empty, None);
        Assert.NotEqual(first.ETag, second.ETag);

        var e = await Assert.ThrowsAsync<ObjectStoreException>(() => Store.GetRangeAsync("changing", 10, buffer, first.ETag, None));
        Assert.Equal(ObjectStoreError.PreconditionFailed, e.Error);
        e = await Assert.ThrowsAsync<ObjectStoreException>(() => Store.OpenReadAsync("changing", 0, first.ETag, None));
        Assert.Equal(ObjectStoreError.PreconditionFailed, e.Error);

        Assert.Equal(100, await Store.GetRangeAsync("changing", 10, buffer, second.ETag, None));
        Assert.Equal(TestData.Bytes(5000, 2)[10..110], buffer);
    }
}
