namespace GatewayFs.Fs;

/// <summary>renameat2(2) flags.</summary>
[Flags]
public enum RenameFlags
{
    /// <summary>Replace the target if it exists.</summary>
    None = 0,
    /// <summary>Fail with <see cref="FsError.Exists"/> if the target exists.</summary>
    NoReplace = 1,
    /// <summary>Swap source and target atomically; unsupported backends answer <see cref="FsError.InvalidArgument"/>.</summary>
    Exchange = 2,
}
