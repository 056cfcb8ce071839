namespace GatewayFs.Fs;

/// <summary>
/// The one error type a filesystem throws. Adapters catch it at the boundary and reply
/// with <see cref="Error"/>; any other exception is logged and answered with EIO.
/// </summary>
public sealed class FsException : Exception
{
    /// <summary>Creates an error with a message for the log.</summary>
    public FsException(FsError error, string message, Exception? inner = null)
        : base(message, inner) => Error = error;

    /// <summary>Creates an error whose message is the error name.</summary>
    public FsException(FsError error) : base(error.ToString()) => Error = error;

    /// <summary>What the caller sees (an errno on Linux).</summary>
    public FsError Error { get; }
}
