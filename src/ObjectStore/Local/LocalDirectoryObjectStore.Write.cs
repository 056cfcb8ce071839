using Microsoft.Win32.SafeHandles;

namespace GatewayFs.ObjectStore;

public sealed partial class LocalDirectoryObjectStore
{
    /// <inheritdoc />
    public Task<ObjectInfo> PutAsync(string key, ReadOnlyMemory<byte> content, ObjectMetadata metadata, CancellationToken ct)
    {
        ObjectRules.ValidateKey(key);
        ObjectRules.ValidateMetadata(metadata);
        return WriteObjectAsync("PUT", key, metadata, (writer, t) => writer.WriteAsync(content, t), ct);
    }

    /// <inheritdoc />
    public Task<ObjectInfo> PutAsync(string key, Stream content, long length, ObjectMetadata metadata, CancellationToken ct)
    {
        ObjectRules.ValidateKey(key);
        ObjectRules.ValidateMetadata(metadata);
        ObjectRules.ValidatePutStream(content, length);
        return WriteObjectAsync("PUT", key, metadata, (writer, t) => writer.CopyFromAsync(content, length, t), ct);
    }

    /// <inheritdoc />
    public Task<ObjectInfo> CopyAsync(string sourceKey, string destinationKey, ObjectMetadata metadata, string? sourceETag, CancellationToken ct)
    {
        ObjectRules.ValidateKey(sourceKey);
        ObjectRules.ValidateKey(destinationKey);
        ObjectRules.ValidateMetadata(metadata);
        return IoAsync("CopyObject", destinationKey, async () =>
        {
            (SafeFileHandle source, _, long length) = await OpenExistingAsync(sourceKey, sourceETag, ct).ConfigureAwait(false);
            using SafeFileHandle owned = source;
            return await WriteObjectAsync("CopyObject", destinationKey, metadata,
                (writer, t) => CopyRangeAsync(source, 0, length, writer, t), ct).ConfigureAwait(false);
        });
    }

    /// <inheritdoc />
    public Task DeleteAsync(string key, CancellationToken ct)
    {
        ObjectRules.ValidateKey(key);
        return IoAsync("DELETE", key, () =>
        {
            string path = ObjectPath(key);
            try
            {
                File.Delete(path);
            }
            catch (DirectoryNotFoundException)
            {
                return Task.FromResult(true); // no such key: like S3, not an error
            }
            PruneEmptyDirectories(Path.GetDirectoryName(path)!);
            return Task.FromResult(true);
        });
    }

    private Task<ObjectInfo> WriteObjectAsync(string operation, string key, ObjectMetadata metadata, Func<LocalObjectWriter, CancellationToken, Task> fill, CancellationToken ct)
    {
        string target = ObjectPath(key); // validates segment lengths before any work
        return IoAsync(operation, key, async () =>
        {
            await using var writer = new LocalObjectWriter(_temp);
            await fill(writer, ct).ConfigureAwait(false);
            var header = LocalObjectHeader.From(LocalObjectHeader.Md5ETag(writer.Md5()), metadata);
            await writer.PublishAsync(header, target, ct).ConfigureAwait(false);
            return header.ToInfo(key, writer.Length);
        });
    }

    private static async Task CopyRangeAsync(SafeFileHandle source, long offset, long length, LocalObjectWriter writer, CancellationToken ct)
    {
        byte[] buffer = new byte[(int)Math.Clamp(length, 1, 1 << 20)];
        while (length > 0)
        {
            int n = await RandomAccess.ReadAsync(source, buffer.AsMemory(0, (int)Math.Min(length, buffer.Length)), offset, ct).ConfigureAwait(false);
            if (n == 0) throw new EndOfStreamException("source object ended early");
            await writer.WriteAsync(buffer.AsMemory(0, n), ct).ConfigureAwait(false);
            offset += n;
            length -= n;
        }
    }

    /// <summary>Removes directories left empty by a delete, up to the objects root, so listings show no stale prefixes.</summary>
    private void PruneEmptyDirectories(string directory)
    {
        while (directory.Length > _objects.Length && directory.StartsWith(_objects, StringComparison.Ordinal))
        {
            try
            {
                if (Directory.EnumerateFileSystemEntries(directory).Any()) return;
                Directory.Delete(directory);
            }
            catch (DirectoryNotFoundException)
            {
                // Pruned by a concurrent delete; keep going up.
            }
            catch (IOException)
            {
                return; // a concurrent write put something in it: it stays
            }
            directory = Path.GetDirectoryName(directory)!;
        }
    }
}
