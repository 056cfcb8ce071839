using System.Collections.Concurrent;
using Amazon.S3.Model;
using Microsoft.Extensions.Logging;

namespace GatewayFs.ObjectStore;

public sealed partial class S3ObjectStore
{
    /// <inheritdoc />
    public async Task<string> CreateMultipartAsync(string key, ObjectMetadata metadata, CancellationToken ct)
    {
        ObjectRules.ValidateKey(key);
        ObjectRules.ValidateMetadata(metadata);
        string uploadId = await _retrier.RunAsync("CreateMultipartUpload", key, 0, async t =>
        {
            var request = new InitiateMultipartUploadRequest
            {
                BucketName = _bucket,
                Key = key,
                ContentType = metadata.ContentType,
                StorageClass = S3Convert.StorageClass(metadata),
            };
            S3Convert.WriteMetadata(request.Metadata, metadata);
            InitiateMultipartUploadResponse r = await _client.InitiateMultipartUploadAsync(request, t).ConfigureAwait(false);
            return r.UploadId;
        }, ct).ConfigureAwait(false);
        _uploads[uploadId] = new UploadState(metadata);
        return uploadId;
    }

    /// <inheritdoc />
    public async Task<string> UploadPartAsync(string key, string uploadId, int partNumber, ReadOnlyMemory<byte> content, CancellationToken ct)
    {
        ObjectRules.ValidatePartNumber(partNumber);
        string etag = await _retrier.RunAsync("UploadPart", key, content.Length, async t =>
        {
            var request = new UploadPartRequest
            {
                BucketName = _bucket,
                Key = key,
                UploadId = uploadId,
                PartNumber = partNumber,
                InputStream = new ReadOnlyMemoryStream(content),
                PartSize = content.Length,
                UseChunkEncoding = false,
                DisablePayloadSigning = _unsignedPayload,
            };
            UploadPartResponse r = await _client.UploadPartAsync(request, t).ConfigureAwait(false);
            return S3Convert.QuoteETag(r.ETag ?? "");
        }, ct).ConfigureAwait(false);
        RecordPart(uploadId, partNumber, content.Length);
        return etag;
    }

    /// <inheritdoc />
    public async Task<ObjectInfo> CompleteMultipartAsync(string key, string uploadId, IReadOnlyList<UploadedPart> parts, CancellationToken ct)
    {
        if (parts.Count == 0) throw new ArgumentException("a multipart upload needs at least one part", nameof(parts));
        int attempts = 0;
        string etag;
        try
        {
            etag = await _retrier.RunAsync("CompleteMultipartUpload", key, 0, async t =>
            {
                attempts++;
                var request = new CompleteMultipartUploadRequest
                {
                    BucketName = _bucket,
                    Key = key,
                    UploadId = uploadId,
                    PartETags = parts.Select(p => new PartETag(p.PartNumber, p.ETag)).ToList(),
                };
                CompleteMultipartUploadResponse r = await _client.CompleteMultipartUploadAsync(request, t).ConfigureAwait(false);
                return S3Convert.QuoteETag(r.ETag ?? "");
            }, ct).ConfigureAwait(false);
        }
        catch (ObjectStoreException e) when (e.Error == ObjectStoreError.NotFound && attempts > 1)
        {
            // An earlier attempt may have completed the upload with its answer lost on the way.
            ObjectInfo? done = await HeadAsync(key, ct).ConfigureAwait(false);
            if (done is null || !done.ETag.EndsWith($"-{parts.Count}\"", StringComparison.Ordinal)) throw;
            _uploads.TryRemove(uploadId, out _);
            return done;
        }

        if (_uploads.TryRemove(uploadId, out UploadState? state) && parts.All(p => state.PartSizes.ContainsKey(p.PartNumber)))
            return Written(key, parts.Sum(p => state.PartSizes[p.PartNumber]), etag, state.Metadata);
        // Started by another process (or instance): ask the server.
        return await HeadAsync(key, ct).ConfigureAwait(false)
            ?? throw _messages.ToException(S3Failure.FromStatus(404, "NoSuchKey", null), "CompleteMultipartUpload", key, attempts, TimeSpan.Zero, null);
    }

    /// <inheritdoc />
    public async Task AbortMultipartAsync(string key, string uploadId, CancellationToken ct)
    {
        _uploads.TryRemove(uploadId, out _);
        try
        {
            await _retrier.RunAsync("AbortMultipartUpload", key, 0, async t =>
            {
                await _client.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = _bucket, Key = key, UploadId = uploadId }, t).ConfigureAwait(false);
                return true;
            }, ct).ConfigureAwait(false);
        }
        catch (ObjectStoreException e) when (e.Error is ObjectStoreError.NotSupported or ObjectStoreError.NotFound)
        {
            // s3rver answers 405; an upload already gone is what we wanted anyway.
            _logger.LogInformation("abort of multipart upload {UploadId} for {Key} tolerated: {Message}", uploadId, key, e.Message);
        }
    }

    private void RecordPart(string uploadId, int partNumber, long size)
    {
        if (_uploads.TryGetValue(uploadId, out UploadState? state)) state.PartSizes[partNumber] = size;
    }

    /// <summary>What this instance knows of an upload it started: metadata and part sizes.</summary>
    private sealed record UploadState(ObjectMetadata Metadata)
    {
        public ConcurrentDictionary<int, long> PartSizes { get; } = new();
    }
}
