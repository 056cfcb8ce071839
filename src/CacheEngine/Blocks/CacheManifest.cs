using System.Text.Json;
using GatewayFs.CacheEngine.Storage;

namespace GatewayFs.CacheEngine.Blocks;

/// <summary>
/// cache.json: the settings the store's files were written with and whether the last close was
/// clean. The cache reopens warm only from a clean close with the same layout; anything else
/// (crash, other block or page size, unreadable file) starts cold with the files removed.
/// </summary>
internal sealed record CacheManifest(int Format, int BlockSize, int PageSize, long SegmentSize, bool Clean, string? CheckpointToken)
{
    internal const int CurrentFormat = 1;
    internal const string FileName = "cache.json";

    internal static CacheManifest? TryRead(string directory)
    {
        string path = Path.Combine(directory, FileName);
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize<CacheManifest>(File.ReadAllBytes(path));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    internal void Write(string directory) => NativeFile.WriteFileDurably(Path.Combine(directory, FileName), JsonSerializer.SerializeToUtf8Bytes(this));

    internal bool SameLayout(CacheManifest other)
        => Format == other.Format && BlockSize == other.BlockSize && PageSize == other.PageSize && SegmentSize == other.SegmentSize;
}
