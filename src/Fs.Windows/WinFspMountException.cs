namespace GatewayFs.Fs.Windows;

/// <summary>A WinFsp mount could not be made; the message is one line that says what to do.</summary>
public sealed class WinFspMountException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WinFspMountException(string message, Exception? inner = null) : base(message, inner)
    {
    }
}
