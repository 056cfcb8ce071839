using System.Net;
using Amazon.S3;
using Amazon.S3.Model;

namespace GatewayFs.ObjectStore;

public sealed partial class S3ObjectStore
{
    /// <inheritdoc />
    public async Task<ObjectInfo?> HeadAsync(string key, CancellationToken ct)
    {
        ObjectRules.ValidateKey(key);
        try
        {
            return await _retrier.RunAsync("HEAD", key, 0, async t =>
            {
                GetObjectMetadataResponse r = await _client.GetObjectMetadataAsync(
                    new GetObjectMetadataRequest { BucketName = _bucket, Key = key }, t).ConfigureAwait(false);
                return new ObjectInfo(key, r.ContentLength, S3Convert.ToOffset(r.LastModified), S3Convert.QuoteETag(r.ETag ?? ""))
                {
                    Metadata = S3Convert.ReadMetadata(r.Metadata, r.Headers.ContentType, r.StorageClass),
                    StorageClass = S3Convert.StorageClassName(r.StorageClass),
                };
            }, ct).ConfigureAwait(false);
        }
        catch (ObjectStoreException e) when (e.Error == ObjectStoreError.NotFound)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public async Task<int> GetRangeAsync(string key, long offset, Memory<byte> destination, string? ifMatchETag, CancellationToken ct)
    {
        ObjectRules.ValidateKey(key);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        if (destination.Length == 0) return 0;
        return await _retrier.RunAsync("GET", key, destination.Length, async t =>
        {
            var request = new GetObjectRequest
            {
                BucketName = _bucket,
                Key = key,
                ByteRange = new ByteRange(offset, offset + destination.Length - 1),
                EtagToMatch = ifMatchETag,
            };
            try
            {
                using GetObjectResponse r = await _client.GetObjectAsync(request, t).ConfigureAwait(false);
                ThrowIfClientSideMismatch(key, ifMatchETag, r.ETag);
                (long? first, long? total) = S3Convert.ParseContentRange(r.ContentRange);
                // A server that ignores the range sends the object from byte 0 (200, no Content-Range).
                long start = first ?? 0;
                if (start > offset) throw new InvalidDataException($"server answered a range from {start} for a read at {offset}");
                long available = total is { } size ? Math.Max(0, size - offset) : destination.Length;
                int want = (int)Math.Min(destination.Length, available);
                if (want == 0) return 0;
                await SkipAsync(r.ResponseStream, offset - start, t).ConfigureAwait(false);
                return await ReadUpToAsync(r.ResponseStream, destination[..want], t).ConfigureAwait(false);
            }
            catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
            {
                return 0; // the read starts at or past the end
            }
        }, ct).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<ObjectReadStream> OpenReadAsync(string key, long offset, string? ifMatchETag, CancellationToken ct)
    {
        ObjectRules.ValidateKey(key);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        GetObjectResponse? response = await _retrier.RunAsync("GET", key, 0, async t =>
        {
            var request = new GetObjectRequest { BucketName = _bucket, Key = key, EtagToMatch = ifMatchETag };
            if (offset > 0) request.ByteRange = new ByteRange($"bytes={offset}-");
            try
            {
                GetObjectResponse r = await _client.GetObjectAsync(request, t).ConfigureAwait(false);
                try
                {
                    ThrowIfClientSideMismatch(key, ifMatchETag, r.ETag);
                    long first = S3Convert.ParseContentRange(r.ContentRange).First ?? 0;
                    await SkipAsync(r.ResponseStream, offset - first, t).ConfigureAwait(false);
                    return r;
                }
                catch
                {
                    r.Dispose();
                    throw;
                }
            }
            catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
            {
                return null;
            }
        }, ct).ConfigureAwait(false);

        if (response is null)
        {
            // Past the end: an empty stream, with the object's identity from a HEAD.
            ObjectInfo info = await HeadAsync(key, ct).ConfigureAwait(false)
                ?? throw _messages.ToException(S3Failure.FromStatus(404, "NoSuchKey", null), "GET", key, 1, TimeSpan.Zero, null);
            ThrowIfClientSideMismatch(key, ifMatchETag, info.ETag);
            return new ObjectReadStream(Stream.Null, info);
        }
        (long? _, long? total) = S3Convert.ParseContentRange(response.ContentRange);
        var objectInfo = new ObjectInfo(key, total ?? response.ContentLength, S3Convert.ToOffset(response.LastModified), S3Convert.QuoteETag(response.ETag ?? ""))
        {
            Metadata = S3Convert.ReadMetadata(response.Metadata, response.Headers.ContentType, response.StorageClass),
            StorageClass = S3Convert.StorageClassName(response.StorageClass),
        };
        return new ObjectReadStream(response.ResponseStream, objectInfo, new DisposeOnce(response));
    }

    private static async Task SkipAsync(Stream body, long count, CancellationToken ct)
    {
        if (count <= 0) return;
        byte[] scratch = new byte[(int)Math.Min(count, 64 * 1024)];
        while (count > 0)
        {
            int n = await body.ReadAsync(scratch.AsMemory(0, (int)Math.Min(count, scratch.Length)), ct).ConfigureAwait(false);
            if (n == 0) throw new EndOfStreamException("object body ended before the requested offset");
            count -= n;
        }
    }

    private static async Task<int> ReadUpToAsync(Stream body, Memory<byte> destination, CancellationToken ct)
    {
        int total = 0;
        while (total < destination.Length)
        {
            int n = await body.ReadAsync(destination[total..], ct).ConfigureAwait(false);
            if (n == 0) break;
            total += n;
        }
        return total;
    }

    private sealed class DisposeOnce(IDisposable inner) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            inner.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
