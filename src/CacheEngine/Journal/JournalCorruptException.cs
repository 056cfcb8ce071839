namespace GatewayFs.CacheEngine;

/// <summary>
/// A committed journal record failed its checksum or could not be parsed, or the journal
/// could not be recovered. Never swallowed: acknowledged data may be at stake.
/// </summary>
public sealed class JournalCorruptException : IOException
{
    /// <summary>Creates the exception.</summary>
    public JournalCorruptException(string message, Exception? inner = null) : base(message, inner) { }
}
