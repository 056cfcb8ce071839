namespace GatewayFs.Fs.Linux;

/// <summary>A mount could not be made; the message is one line that says what is wrong and what to do.</summary>
public sealed class FuseMountException : Exception
{
    /// <summary>Creates the exception with its one-line message.</summary>
    public FuseMountException(string message, Exception? inner = null) : base(message, inner) { }
}
