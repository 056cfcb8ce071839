using Amazon.S3.Model;

namespace GatewayFs.ObjectStore;

public sealed partial class S3ObjectStore
{
    /// <inheritdoc />
    public async Task<ListPage> ListAsync(string prefix, string? delimiter, string? continuationToken, int maxKeys, CancellationToken ct)
    {
        return await _retrier.RunAsync("ListObjectsV2", prefix.Length == 0 ? null : prefix, 0, async t =>
        {
            var request = new ListObjectsV2Request
            {
                BucketName = _bucket,
                Prefix = prefix,
                Delimiter = string.IsNullOrEmpty(delimiter) ? null : delimiter,
                ContinuationToken = continuationToken,
                MaxKeys = Math.Clamp(maxKeys, 1, 1000),
            };
            ListObjectsV2Response r = await _client.ListObjectsV2Async(request, t).ConfigureAwait(false);
            // SDK v4 leaves empty collections null.
            List<ObjectInfo> objects = (r.S3Objects ?? []).Select(o =>
                new ObjectInfo(o.Key, o.Size ?? 0, S3Convert.ToOffset(o.LastModified), S3Convert.QuoteETag(o.ETag ?? ""))
                {
                    StorageClass = S3Convert.StorageClassName(o.StorageClass),
                }).ToList();
            List<string> prefixes = r.CommonPrefixes ?? [];
            string? next = r.IsTruncated == true && !string.IsNullOrEmpty(r.NextContinuationToken) ? r.NextContinuationToken : null;
            return new ListPage(objects, prefixes, next);
        }, ct).ConfigureAwait(false);
    }
}
