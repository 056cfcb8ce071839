namespace GatewayFs.ObjectStore;

/// <summary>Why an object-store call failed; the volumes map these to errno.</summary>
public enum ObjectStoreError
{
    /// <summary>Anything else; see the message.</summary>
    Unknown,
    /// <summary>No such key.</summary>
    NotFound,
    /// <summary>The bucket does not exist.</summary>
    NoSuchBucket,
    /// <summary>Credentials rejected or missing, or access denied.</summary>
    AccessDenied,
    /// <summary>The endpoint could not be reached (DNS, refused, reset, timeout) after retries.</summary>
    Unreachable,
    /// <summary>The server kept answering 5xx or throttling after retries.</summary>
    ServerError,
    /// <summary>If-Match failed: the object changed since it was read.</summary>
    PreconditionFailed,
    /// <summary>The server does not implement the request (e.g. UploadPartCopy).</summary>
    NotSupported,
    /// <summary>The request is invalid for this server (e.g. a key it cannot hold).</summary>
    InvalidRequest,
    /// <summary>The object is archived and must be restored before reading.</summary>
    Archived,
}
