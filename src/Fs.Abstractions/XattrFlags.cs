namespace GatewayFs.Fs;

/// <summary>setxattr(2) flags.</summary>
public enum XattrFlags
{
    /// <summary>Create or replace.</summary>
    None = 0,
    /// <summary>Fail with <see cref="FsError.Exists"/> if it exists.</summary>
    Create = 1,
    /// <summary>Fail with <see cref="FsError.NoData"/> if it is missing.</summary>
    Replace = 2,
}
