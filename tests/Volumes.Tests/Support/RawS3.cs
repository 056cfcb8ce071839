using Amazon.S3;
using Amazon.S3.Model;

namespace GatewayFs.Tests.Volumes.Support;

/// <summary>Plain S3 calls beside the volume, as another S3 tool would make them.</summary>
public sealed class RawS3 : IDisposable
{
    private readonly AmazonS3Client _client;
    private readonly string _bucket;

    public RawS3(AmazonS3Client client, string bucket)
    {
        _client = client;
        _bucket = bucket;
    }

    public async Task PutAsync(string key, byte[] data, IDictionary<string, string>? meta = null)
    {
        var req = new PutObjectRequest { BucketName = _bucket, Key = key, InputStream = new MemoryStream(data), UseChunkEncoding = false };
        if (meta is not null) foreach (var (k, v) in meta) req.Metadata.Add(k, v);
        await _client.PutObjectAsync(req);
    }

    public async Task<byte[]?> GetAsync(string key)
    {
        try
        {
            using var resp = await _client.GetObjectAsync(_bucket, key);
            var ms = new MemoryStream();
            await resp.ResponseStream.CopyToAsync(ms);
            return ms.ToArray();
        }
        catch (AmazonS3Exception e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>
    /// Like <see cref="GetAsync"/> for polling while the gateway may be uploading the object:
    /// s3rver writes in place, so a GET meanwhile can see half of it (the SDK then reports a hash
    /// mismatch); that counts as not there yet (null).
    /// </summary>
    public async Task<byte[]?> GetIfSettledAsync(string key)
    {
        try
        {
            return await GetAsync(key);
        }
        catch (Amazon.Runtime.AmazonClientException e) when (e.Message.Contains("hash", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
    }

    /// <summary>User metadata (keys without x-amz-meta-), or null when the object is absent.</summary>
    public async Task<Dictionary<string, string>?> HeadAsync(string key)
    {
        try
        {
            var resp = await _client.GetObjectMetadataAsync(_bucket, key);
            return resp.Metadata.Keys.ToDictionary(k => k.Replace("x-amz-meta-", "", StringComparison.OrdinalIgnoreCase).ToLowerInvariant(), k => resp.Metadata[k]);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<List<string>> KeysAsync(string prefix = "")
    {
        var keys = new List<string>();
        string? token = null;
        do
        {
            var resp = await _client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _bucket, Prefix = prefix, ContinuationToken = token });
            keys.AddRange((resp.S3Objects ?? []).Select(o => o.Key));
            token = resp.IsTruncated == true ? resp.NextContinuationToken : null;
        } while (token is not null);
        return keys;
    }

    public void Dispose() => _client.Dispose();
}
