namespace GatewayFs.Volumes.Cached;

/// <summary>One child of a directory as a listing shows it: a directory (prefix or marker) or an object.</summary>
internal readonly record struct ListedEntry(bool IsDirectory, RemoteObject? Object);
