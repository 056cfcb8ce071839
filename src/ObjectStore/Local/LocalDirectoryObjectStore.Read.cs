using Microsoft.Win32.SafeHandles;

namespace GatewayFs.ObjectStore;

public sealed partial class LocalDirectoryObjectStore
{
    /// <inheritdoc />
    public Task<ObjectInfo?> HeadAsync(string key, CancellationToken ct)
    {
        ObjectRules.ValidateKey(key);
        return IoAsync("HEAD", key, async () =>
        {
            string path = ObjectPath(key);
            using SafeFileHandle? file = TryOpen(path);
            if (file is null) return null;
            (LocalObjectHeader header, long length) = await LocalObjectHeader.ReadAsync(file, path, ct).ConfigureAwait(false);
            return header.ToInfo(key, length);
        });
    }

    /// <inheritdoc />
    public Task<int> GetRangeAsync(string key, long offset, Memory<byte> destination, string? ifMatchETag, CancellationToken ct)
    {
        ObjectRules.ValidateKey(key);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        return IoAsync("GET", key, async () =>
        {
            (SafeFileHandle file, _, long length) = await OpenExistingAsync(key, ifMatchETag, ct).ConfigureAwait(false);
            using SafeFileHandle owned = file;
            int want = (int)Math.Clamp(length - offset, 0, destination.Length);
            int total = 0;
            while (total < want)
            {
                int n = await RandomAccess.ReadAsync(file, destination[total..want], offset + total, ct).ConfigureAwait(false);
                if (n == 0) break;
                total += n;
            }
            return total;
        });
    }

    /// <inheritdoc />
    public Task<ObjectReadStream> OpenReadAsync(string key, long offset, string? ifMatchETag, CancellationToken ct)
    {
        ObjectRules.ValidateKey(key);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        return IoAsync("GET", key, async () =>
        {
            (SafeFileHandle file, LocalObjectHeader header, long length) = await OpenExistingAsync(key, ifMatchETag, ct).ConfigureAwait(false);
            // The stream owns the handle: the bytes stay those of this version even if it is replaced meanwhile.
            return new ObjectReadStream(new FileRangeStream(file, Math.Min(offset, length), length), header.ToInfo(key, length));
        });
    }
}
