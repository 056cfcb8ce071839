using Microsoft.Win32.SafeHandles;

namespace GatewayFs.ObjectStore;

/// <summary>
/// The embedded object store when no S3 is configured: objects as files under a root
/// directory (<c>objects/</c>, one directory per key segment, metadata and ETag in a trailer
/// after the bytes), multipart uploads under <c>.uploads/</c>, temporary files under
/// <c>.tmp/</c>. Every write is temp file + fsync + rename + directory fsync, so a returned
/// write is durable and a crash leaves either the old or the new object. Behaves like S3 in
/// every method (same keys, ETags, listing order and pagination, errors).
/// </summary>
public sealed partial class LocalDirectoryObjectStore : IObjectStore
{
    private readonly string _objects;
    private readonly string _uploads;
    private readonly string _temp;

    /// <summary>Opens (creating when missing) a store rooted at <paramref name="rootDirectory"/>.</summary>
    public LocalDirectoryObjectStore(string rootDirectory)
    {
        Root = Path.GetFullPath(rootDirectory);
        _objects = Path.Combine(Root, "objects");
        _uploads = Path.Combine(Root, ".uploads");
        _temp = Path.Combine(Root, ".tmp");
        try
        {
            Directory.CreateDirectory(_objects);
            Directory.CreateDirectory(_uploads);
            Directory.CreateDirectory(_temp);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ObjectStoreException(ObjectStoreError.AccessDenied,
                $"cannot create the local store in '{Root}': {e.Message}; choose a writable directory", e);
        }
    }

    /// <summary>The store's root directory.</summary>
    public string Root { get; }

    /// <inheritdoc />
    public string Description => $"local directory {Root}";

    /// <inheritdoc />
    public ObjectStoreCapabilities Capabilities { get; } = new() { UploadPartCopy = true, SuffixRange = true, MaxKeySegmentBytes = 255 - 2 /* "#o" */ };

    /// <inheritdoc />
    public Task CheckAsync(CancellationToken ct) => IoAsync("check", null, async () =>
    {
        if (!Directory.Exists(_objects))
            throw new ObjectStoreException(ObjectStoreError.NoSuchBucket, $"local store directory '{_objects}' is missing; restore it or choose another directory");
        await using (var probe = new LocalObjectWriter(_temp))
        {
            await probe.WriteAsync("probe"u8.ToArray(), ct).ConfigureAwait(false);
        }
        return true;
    });

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private string ObjectPath(string key) => LocalKeyPaths.ObjectPath(_objects, key);

    /// <summary>Opens an object file for reading, or null when there is no such object.</summary>
    private SafeFileHandle? TryOpen(string path)
    {
        try
        {
            return File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, FileOptions.Asynchronous);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// Opens an existing object and reads its trailer; NotFound when missing, PreconditionFailed
    /// when <paramref name="ifMatchETag"/> is given and differs. The caller owns the handle.
    /// </summary>
    private async Task<(SafeFileHandle File, LocalObjectHeader Header, long Length)> OpenExistingAsync(string key, string? ifMatchETag, CancellationToken ct)
    {
        string path = ObjectPath(key);
        SafeFileHandle file = TryOpen(path) ?? throw NotFound(key);
        try
        {
            (LocalObjectHeader header, long length) = await LocalObjectHeader.ReadAsync(file, path, ct).ConfigureAwait(false);
            if (ifMatchETag is not null && header.ETag != S3Convert.QuoteETag(ifMatchETag)) throw PreconditionFailed(key);
            return (file, header, length);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    private ObjectStoreException NotFound(string key) =>
        new(ObjectStoreError.NotFound, $"'{key}' not found in local store {Root}");

    private static ObjectStoreException PreconditionFailed(string key) =>
        new(ObjectStoreError.PreconditionFailed, $"'{key}' changed while being read (412 PreconditionFailed); read it again");

    /// <summary>Runs file work and turns file-system failures into one-line store errors.</summary>
    private async Task<T> IoAsync<T>(string operation, string? key, Func<Task<T>> body)
    {
        string what = key is null ? Root : $"'{key}' in {Root}";
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new ObjectStoreException(ObjectStoreError.AccessDenied,
                $"local store: permission denied on {operation} of {what}: {e.Message}; check the directory's owner and mode", e);
        }
        catch (IOException e) when (e.Message.Contains("No space left", StringComparison.OrdinalIgnoreCase) || e.HResult == 28)
        {
            throw new ObjectStoreException(ObjectStoreError.ServerError,
                $"local store: disk full on {operation} of {what}; free space under {Root}", e);
        }
        catch (IOException e)
        {
            throw new ObjectStoreException(ObjectStoreError.Unknown, $"local store: {operation} of {what} failed: {e.Message}", e);
        }
    }
}
