namespace GatewayFs.Volumes.Cached;

/// <summary>An object as last seen in the store (HEAD or LIST): its identity is key + ETag.</summary>
internal sealed record RemoteObject(string Key, long Size, DateTimeOffset LastModified, string ETag)
{
    public static RemoteObject From(GatewayFs.ObjectStore.ObjectInfo info) => new(info.Key, info.Size, info.LastModified, info.ETag);

    /// <summary>
    /// The cache identity: a changed object never shares cached blocks or metadata with its older
    /// self. The size is part of it because some servers (s3rver) keep the old ETag when an object
    /// is replaced by a server-side copy.
    /// </summary>
    public string Identity => Key + "\n" + ETag + "\n" + Size.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The block cache's form of <see cref="Identity"/>.</summary>
    public GatewayFs.CacheEngine.BlockIdentity BlockId() => GatewayFs.CacheEngine.BlockIdentity.FromString(Identity);
}
