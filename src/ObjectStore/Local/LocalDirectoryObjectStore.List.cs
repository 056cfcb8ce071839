using System.Text;
using Microsoft.Win32.SafeHandles;

namespace GatewayFs.ObjectStore;

public sealed partial class LocalDirectoryObjectStore
{
    /// <inheritdoc />
    public Task<ListPage> ListAsync(string prefix, string? delimiter, string? continuationToken, int maxKeys, CancellationToken ct)
    {
        string startAfter = continuationToken is null ? "" : DecodeToken(continuationToken);
        int limit = Math.Clamp(maxKeys, 1, 1000);
        return IoAsync("ListObjectsV2", prefix.Length == 0 ? null : prefix, async () =>
        {
            var objects = new List<ObjectInfo>();
            var prefixes = new List<string>();
            string? last = null;
            bool more = false;
            foreach (LocalListing.Entry entry in LocalListing.Walk(_objects, prefix, string.IsNullOrEmpty(delimiter) ? null : delimiter, startAfter))
            {
                ct.ThrowIfCancellationRequested();
                if (objects.Count + prefixes.Count == limit)
                {
                    more = true;
                    break;
                }
                if (entry.IsPrefix)
                {
                    prefixes.Add(entry.Key);
                }
                else
                {
                    using SafeFileHandle? file = TryOpen(entry.ObjectFile!);
                    if (file is null) continue; // deleted since the directory was read
                    (LocalObjectHeader header, long length) = await LocalObjectHeader.ReadAsync(file, entry.ObjectFile!, ct).ConfigureAwait(false);
                    // Listings carry no user metadata, as in S3.
                    objects.Add(header.ToInfo(entry.Key, length) with { Metadata = ObjectMetadata.Empty });
                }
                last = entry.Key;
            }
            return new ListPage(objects, prefixes, more && last is not null ? EncodeToken(last) : null);
        });
    }

    // The token is the last key or prefix returned; the next page starts after it, as S3's StartAfter.
    private static string EncodeToken(string lastKey) => "k1" + Convert.ToBase64String(Encoding.UTF8.GetBytes(lastKey));

    private static string DecodeToken(string token)
    {
        try
        {
            if (token.StartsWith("k1", StringComparison.Ordinal)) return Encoding.UTF8.GetString(Convert.FromBase64String(token[2..]));
        }
        catch (FormatException)
        {
            // Not base64: reported below like any other foreign token.
        }
        throw new ObjectStoreException(ObjectStoreError.InvalidRequest, "the continuation token is not one this store issued; start the listing again");
    }
}
