using Microsoft.Win32.SafeHandles;

namespace GatewayFs.ObjectStore;

public sealed partial class LocalDirectoryObjectStore
{
    /// <inheritdoc />
    public Task<string> CreateMultipartAsync(string key, ObjectMetadata metadata, CancellationToken ct)
    {
        ObjectRules.ValidateKey(key);
        ObjectRules.ValidateMetadata(metadata);
        _ = ObjectPath(key); // a key the store cannot hold fails now, not at completion
        return IoAsync("CreateMultipartUpload", key, async () =>
        {
            string uploadId = Guid.NewGuid().ToString("N");
            string directory = Path.Combine(_uploads, uploadId);
            Directory.CreateDirectory(directory);
            string temporary = Path.Combine(_temp, Guid.NewGuid().ToString("N"));
            await File.WriteAllBytesAsync(temporary, LocalUpload.From(key, metadata).ToJson(), ct).ConfigureAwait(false);
            File.Move(temporary, Path.Combine(directory, LocalUpload.FileName));
            DirectorySync.Sync(directory);
            return uploadId;
        });
    }

    /// <inheritdoc />
    public Task<string> UploadPartAsync(string key, string uploadId, int partNumber, ReadOnlyMemory<byte> content, CancellationToken ct)
    {
        ObjectRules.ValidatePartNumber(partNumber);
        return IoAsync("UploadPart", key, async () =>
        {
            await LoadUploadAsync(key, uploadId, ct).ConfigureAwait(false);
            return await WritePartAsync(uploadId, partNumber, (writer, t) => writer.WriteAsync(content, t), ct).ConfigureAwait(false);
        });
    }

    /// <inheritdoc />
    public Task<string> UploadPartCopyAsync(string key, string uploadId, int partNumber, string sourceKey, long sourceOffset, long length, string? sourceETag, CancellationToken ct)
    {
        ObjectRules.ValidateKey(sourceKey);
        ObjectRules.ValidatePartNumber(partNumber);
        ArgumentOutOfRangeException.ThrowIfNegative(sourceOffset);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        return IoAsync("UploadPartCopy", key, async () =>
        {
            await LoadUploadAsync(key, uploadId, ct).ConfigureAwait(false);
            (SafeFileHandle source, _, long size) = await OpenExistingAsync(sourceKey, sourceETag, ct).ConfigureAwait(false);
            using SafeFileHandle owned = source;
            if (sourceOffset + length > size)
            {
                throw new ObjectStoreException(ObjectStoreError.InvalidRequest,
                    $"copy range {sourceOffset}-{sourceOffset + length - 1} is beyond the end of '{sourceKey}' ({size} bytes)");
            }
            return await WritePartAsync(uploadId, partNumber, (writer, t) => CopyRangeAsync(source, sourceOffset, length, writer, t), ct).ConfigureAwait(false);
        });
    }

    /// <inheritdoc />
    public Task<ObjectInfo> CompleteMultipartAsync(string key, string uploadId, IReadOnlyList<UploadedPart> parts, CancellationToken ct)
    {
        if (parts.Count == 0) throw new ArgumentException("a multipart upload needs at least one part", nameof(parts));
        return IoAsync("CompleteMultipartUpload", key, async () =>
        {
            LocalUpload upload = await LoadUploadAsync(key, uploadId, ct).ConfigureAwait(false);
            for (int i = 1; i < parts.Count; i++)
            {
                if (parts[i].PartNumber <= parts[i - 1].PartNumber)
                    throw Invalid($"parts of '{key}' must be listed in ascending order without repeats (400 InvalidPartOrder)");
            }
            var handles = new List<(SafeFileHandle File, long Length)>(parts.Count);
            try
            {
                for (int i = 0; i < parts.Count; i++)
                {
                    UploadedPart part = parts[i];
                    string path = PartPath(uploadId, part.PartNumber);
                    SafeFileHandle file = TryOpen(path) ?? throw Invalid($"part {part.PartNumber} of '{key}' was never uploaded (400 InvalidPart)");
                    handles.Add((file, 0));
                    (LocalObjectHeader header, long length) = await LocalObjectHeader.ReadAsync(file, path, ct).ConfigureAwait(false);
                    handles[^1] = (file, length);
                    if (header.ETag != S3Convert.QuoteETag(part.ETag))
                        throw Invalid($"part {part.PartNumber} of '{key}' has ETag {header.ETag}, not {part.ETag} (400 InvalidPart)");
                    if (i < parts.Count - 1 && length < Capabilities.MinPartSize)
                        throw Invalid($"part {part.PartNumber} of '{key}' is {length} bytes; all parts but the last need at least {Capabilities.MinPartSize} (400 EntityTooSmall)");
                }
                string etag = LocalObjectHeader.MultipartETag(parts.Select(p => p.ETag).ToList());
                string target = ObjectPath(key);
                await using var writer = new LocalObjectWriter(_temp);
                foreach ((SafeFileHandle file, long length) in handles)
                    await CopyRangeAsync(file, 0, length, writer, ct).ConfigureAwait(false);
                var objectHeader = LocalObjectHeader.From(etag, upload.Metadata);
                await writer.PublishAsync(objectHeader, target, ct).ConfigureAwait(false);
                Directory.Delete(Path.Combine(_uploads, uploadId), recursive: true);
                return objectHeader.ToInfo(key, writer.Length);
            }
            finally
            {
                foreach ((SafeFileHandle file, _) in handles) file.Dispose();
            }
        });
    }

    /// <inheritdoc />
    public Task AbortMultipartAsync(string key, string uploadId, CancellationToken ct) => IoAsync("AbortMultipartUpload", key, () =>
    {
        string directory = UploadDirectory(uploadId);
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Already gone: what an abort wants.
        }
        return Task.FromResult(true);
    });

    private async Task<string> WritePartAsync(string uploadId, int partNumber, Func<LocalObjectWriter, CancellationToken, Task> fill, CancellationToken ct)
    {
        await using var writer = new LocalObjectWriter(_temp);
        await fill(writer, ct).ConfigureAwait(false);
        string etag = LocalObjectHeader.Md5ETag(writer.Md5());
        await writer.PublishAsync(LocalObjectHeader.From(etag, ObjectMetadata.Empty), PartPath(uploadId, partNumber), ct).ConfigureAwait(false);
        return etag;
    }

    private async Task<LocalUpload> LoadUploadAsync(string key, string uploadId, CancellationToken ct)
    {
        string file = Path.Combine(UploadDirectory(uploadId), LocalUpload.FileName);
        byte[] json;
        try
        {
            json = await File.ReadAllBytesAsync(file, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw NoSuchUpload(key);
        }
        LocalUpload? upload = LocalUpload.FromJson(json);
        if (upload is null || upload.Key != key) throw NoSuchUpload(key);
        return upload;
    }

    private string UploadDirectory(string uploadId)
    {
        // The id comes from callers; it must never name a path outside the uploads directory.
        if (uploadId.Length == 0 || !uploadId.All(char.IsAsciiLetterOrDigit)) throw NoSuchUpload(uploadId);
        return Path.Combine(_uploads, uploadId);
    }

    private string PartPath(string uploadId, int partNumber) => Path.Combine(UploadDirectory(uploadId), $"part-{partNumber:D5}");

    private static ObjectStoreException NoSuchUpload(string key) =>
        new(ObjectStoreError.NotFound, $"multipart upload of '{key}' no longer exists (404 NoSuchUpload); start the upload again");

    private static ObjectStoreException Invalid(string message) => new(ObjectStoreError.InvalidRequest, message);
}
