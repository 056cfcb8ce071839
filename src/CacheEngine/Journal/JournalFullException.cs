namespace GatewayFs.CacheEngine;

/// <summary>
/// The journal stayed full for the configured wait: nothing was appended. Callers map this to
/// ENOSPC. Space comes back as uploads complete and records are retired.
/// </summary>
public sealed class JournalFullException : IOException
{
    /// <summary>Creates the exception with a message naming the sizes involved.</summary>
    public JournalFullException(string message) : base(message) { }
}
