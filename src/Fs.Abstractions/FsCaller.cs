namespace GatewayFs.Fs;

/// <summary>Who asked: used for the owner of new nodes and the umask.</summary>
public readonly record struct FsCaller(uint Uid, uint Gid, int Pid, uint Umask)
{
    /// <summary>The gateway process itself (in-process tests, internal work).</summary>
    public static FsCaller Self { get; } = new(0, 0, Environment.ProcessId, 0x12 /* 022 */);
}
