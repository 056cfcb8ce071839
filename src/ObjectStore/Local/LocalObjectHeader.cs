using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Text.Json;
using Microsoft.Win32.SafeHandles;

namespace GatewayFs.ObjectStore;

/// <summary>
/// The identity and metadata of a stored object, kept as a trailer after its bytes:
/// <c>[data][JSON][uint32 JSON length][magic]</c>. One file per object, so a single rename
/// publishes bytes and metadata together, and the data starts at offset 0.
/// </summary>
internal sealed record LocalObjectHeader(string ETag, long LastModifiedMs, string? ContentType, string? StorageClass, Dictionary<string, string> User)
{
    private static readonly byte[] Magic = "GWFSOBJ1"u8.ToArray();
    private const int FixedTail = 4 + 8;
    private const int FirstRead = 4096;

    public ObjectMetadata ToMetadata() => new()
    {
        User = User.ToImmutableDictionary(StringComparer.Ordinal),
        ContentType = ContentType,
        StorageClass = StorageClass,
    };

    public ObjectInfo ToInfo(string key, long size) =>
        new(key, size, DateTimeOffset.FromUnixTimeMilliseconds(LastModifiedMs), ETag)
        {
            Metadata = ToMetadata(),
            StorageClass = StorageClass ?? "STANDARD",
        };

    public static LocalObjectHeader From(string etag, ObjectMetadata metadata) =>
        new(etag, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), metadata.ContentType, metadata.StorageClass,
            ObjectRules.Normalize(metadata.User).ToDictionary(StringComparer.Ordinal));

    /// <summary>The trailer bytes to append after the data.</summary>
    public byte[] ToTrailer()
    {
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(this);
        byte[] trailer = new byte[json.Length + FixedTail];
        json.CopyTo(trailer, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(trailer.AsSpan(json.Length), (uint)json.Length);
        Magic.CopyTo(trailer, json.Length + 4);
        return trailer;
    }

    /// <summary>Reads the trailer of an open object file; returns it with the data length.</summary>
    public static async Task<(LocalObjectHeader Header, long DataLength)> ReadAsync(SafeFileHandle file, string pathForErrors, CancellationToken ct)
    {
        long fileLength = RandomAccess.GetLength(file);
        int first = (int)Math.Min(fileLength, FirstRead);
        byte[] tail = new byte[first];
        await ReadExactlyAsync(file, tail, fileLength - first, ct).ConfigureAwait(false);
        if (first < FixedTail || !tail.AsSpan(first - Magic.Length).SequenceEqual(Magic))
            throw Corrupt(pathForErrors);
        long jsonLength = BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(first - FixedTail));
        if (jsonLength + FixedTail > fileLength) throw Corrupt(pathForErrors);
        byte[] json;
        if (jsonLength + FixedTail <= first)
        {
            json = tail.AsSpan(first - FixedTail - (int)jsonLength, (int)jsonLength).ToArray();
        }
        else
        {
            json = new byte[jsonLength];
            await ReadExactlyAsync(file, json, fileLength - FixedTail - jsonLength, ct).ConfigureAwait(false);
        }
        LocalObjectHeader header = JsonSerializer.Deserialize<LocalObjectHeader>(json) ?? throw Corrupt(pathForErrors);
        return (header, fileLength - FixedTail - jsonLength);
    }

    private static async Task ReadExactlyAsync(SafeFileHandle file, Memory<byte> buffer, long offset, CancellationToken ct)
    {
        while (buffer.Length > 0)
        {
            int n = await RandomAccess.ReadAsync(file, buffer, offset, ct).ConfigureAwait(false);
            if (n == 0) throw new EndOfStreamException("object file shorter than its trailer says");
            buffer = buffer[n..];
            offset += n;
        }
    }

    private static ObjectStoreException Corrupt(string path) =>
        new(ObjectStoreError.Unknown, $"local store file '{path}' has no valid trailer (damaged or not written by gatewayfs); delete or restore it");

    /// <summary>The S3 ETag of a single PUT: the quoted MD5 of the bytes.</summary>
    public static string Md5ETag(byte[] md5) => $"\"{Convert.ToHexStringLower(md5)}\"";

    /// <summary>The S3 ETag of a multipart upload: MD5 of the parts' MD5s, dash, part count.</summary>
    public static string MultipartETag(IReadOnlyList<string> partETags)
    {
        using var all = new MemoryStream();
        foreach (string etag in partETags) all.Write(Convert.FromHexString(etag.Trim('"')));
        return $"\"{Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(all.ToArray()))}-{partETags.Count}\"";
    }
}
