using Amazon.S3;
using Amazon.S3.Model;
using GatewayFs.TestKit.S3;

namespace GatewayFs.Tests.Cli.Infrastructure;

/// <summary>Reads a bucket with the plain S3 client, the way another S3 tool would see it.</summary>
public static class Bucket
{
    /// <summary>The object's bytes, or null when it does not exist.</summary>
    public static async Task<byte[]?> GetAsync(S3rverFixture s3, string bucket, string key)
    {
        using var client = s3.CreateRawClient();
        try
        {
            using var response = await client.GetObjectAsync(bucket, key);
            using var buffer = new MemoryStream();
            await response.ResponseStream.CopyToAsync(buffer);
            return buffer.ToArray();
        }
        catch (AmazonS3Exception e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Every key in the bucket.</summary>
    public static async Task<IReadOnlyList<string>> KeysAsync(S3rverFixture s3, string bucket)
    {
        using var client = s3.CreateRawClient();
        var keys = new List<string>();
        string? token = null;
        do
        {
            var page = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, ContinuationToken = token });
            keys.AddRange((page.S3Objects ?? []).Select(o => o.Key));
            token = page.IsTruncated == true ? page.NextContinuationToken : null;
        } while (token is not null);
        return keys;
    }

    /// <summary>Puts an object directly (not through a mount).</summary>
    public static async Task PutAsync(S3rverFixture s3, string bucket, string key, byte[] body)
    {
        using var client = s3.CreateRawClient();
        await client.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, InputStream = new MemoryStream(body), UseChunkEncoding = false });
    }
}
