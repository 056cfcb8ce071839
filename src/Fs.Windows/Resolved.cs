namespace GatewayFs.Fs.Windows;

/// <summary>
/// The outcome of a path walk: a status and, on success, the node with one lookup the caller
/// now owns (<see cref="Held"/>; the root is never looked up, so never held).
/// </summary>
internal readonly record struct Resolved(int Status, ulong NodeId, FileAttr Attr, bool Held, int ReparseIndex = 0)
{
    /// <summary>True when the walk found the node.</summary>
    public bool Found => Status == NtStatus.Success;

    /// <summary>A failed walk.</summary>
    public static Resolved Fail(int status, int reparseIndex = 0) => new(status, 0, default, false, reparseIndex);
}
