namespace GatewayFs.ObjectStore;

/// <summary>The one error type of the object-store layer; the message is one line fit for a user.</summary>
public sealed class ObjectStoreException : Exception
{
    /// <summary>Creates an error.</summary>
    public ObjectStoreException(ObjectStoreError error, string message, Exception? inner = null)
        : base(message, inner) => Error = error;

    /// <summary>Why it failed.</summary>
    public ObjectStoreError Error { get; }

    /// <summary>True for failures worth retrying later (unreachable, 5xx); false for answers that will not change.</summary>
    public bool IsTransient => Error is ObjectStoreError.Unreachable or ObjectStoreError.ServerError;
}
