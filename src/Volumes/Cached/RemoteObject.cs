namespace GatewayFs.Volumes.Cached;

/// <summary>An object as last seen in the store (HEAD or LIST): its identity is key + ETag.</summary>
internal sealed record RemoteObject(string Key, long Size, DateTimeOffset LastModified, string ETag)
{
    /// <summary>
    /// What the store said, with the time in whole seconds: LIST gives milliseconds, HEAD an HTTP
    /// date, and a file's mtime must not flip between them (the kernel drops its cached pages of
    /// a file whose mtime changes).
    /// </summary>
    public static RemoteObject From(GatewayFs.ObjectStore.ObjectInfo info)
    {
        var t = info.LastModified;
        return new(info.Key, info.Size, t.AddTicks(-(t.UtcTicks % TimeSpan.TicksPerSecond)), info.ETag);
    }

    /// <summary>
    /// The cache identity: a changed object never shares cached blocks or metadata with its older
    /// self. The size is part of it because some servers (s3rver) keep the old ETag when an object
    /// is replaced by a server-side copy.
    /// </summary>
    public string Identity => Key + "\n" + ETag + "\n" + Size.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The block cache's form of <see cref="Identity"/>.</summary>
    public GatewayFs.CacheEngine.BlockIdentity BlockId() => GatewayFs.CacheEngine.BlockIdentity.FromString(Identity);
}
