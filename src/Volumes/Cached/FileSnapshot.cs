using System.Text;
using GatewayFs.Fs;

namespace GatewayFs.Volumes.Cached;

/// <summary>
/// The whole local state of a dirty file at one point of the journal: where it goes, what it
/// is based on, its size and metadata. Appended on create, setattr, rename and after each
/// upload; replay takes a file's newest snapshot and applies the Write and Truncate records
/// that follow it. Its data stays in the journal's Write records.
/// </summary>
internal sealed record FileSnapshot(
    string Path,
    RemoteObject? Base,
    long BaseLength,
    long Size,
    uint Mode,
    uint Uid,
    uint Gid,
    FsTime Mtime,
    FsTime Atime,
    bool MetaDirty)
{
    private const byte Version = 1;

    public byte[] Encode()
    {
        using var ms = new MemoryStream();
        using (var w = new BinaryWriter(ms, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Version);
            w.Write(Path);
            w.Write(Base is not null);
            if (Base is not null)
            {
                w.Write(Base.Key);
                w.Write(Base.ETag);
                w.Write(Base.Size);
                w.Write(Base.LastModified.UtcTicks);
            }
            w.Write(BaseLength);
            w.Write(Size);
            w.Write(Mode);
            w.Write(Uid);
            w.Write(Gid);
            w.Write(Mtime.Seconds);
            w.Write(Mtime.Nanoseconds);
            w.Write(Atime.Seconds);
            w.Write(Atime.Nanoseconds);
            w.Write(MetaDirty);
        }
        return ms.ToArray();
    }

    public static FileSnapshot Decode(ReadOnlyMemory<byte> payload)
    {
        using var ms = new MemoryStream(payload.ToArray(), writable: false);
        using var r = new BinaryReader(ms, Encoding.UTF8);
        byte v = r.ReadByte();
        if (v != Version) throw new InvalidDataException($"journal file snapshot version {v} is unknown (expected {Version}); was the cache directory written by a newer gatewayfs?");
        string path = r.ReadString();
        RemoteObject? b = null;
        if (r.ReadBoolean())
        {
            string key = r.ReadString();
            string etag = r.ReadString();
            long size = r.ReadInt64();
            long ticks = r.ReadInt64();
            b = new RemoteObject(key, size, new DateTimeOffset(ticks, TimeSpan.Zero), etag);
        }
        return new FileSnapshot(path, b, r.ReadInt64(), r.ReadInt64(), r.ReadUInt32(), r.ReadUInt32(), r.ReadUInt32(),
            new FsTime(r.ReadInt64(), r.ReadUInt32()), new FsTime(r.ReadInt64(), r.ReadUInt32()), r.ReadBoolean());
    }
}
