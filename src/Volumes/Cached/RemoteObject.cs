namespace GatewayFs.Volumes.Cached;

/// <summary>An object as last seen in the store (HEAD or LIST): its identity is key + ETag.</summary>
internal sealed record RemoteObject(string Key, long Size, DateTimeOffset LastModified, string ETag)
{
    public static RemoteObject From(GatewayFs.ObjectStore.ObjectInfo info) => new(info.Key, info.Size, info.LastModified, info.ETag);

    /// <summary>The block-cache identity: a changed object never shares cached blocks with its older self.</summary>
    public string Identity => Key + "\n" + ETag;
}
