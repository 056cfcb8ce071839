using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;

namespace GatewayFs.ObjectStore;

/// <summary>
/// What one failed attempt means: the error kind, whether another attempt may succeed, and the
/// server's status and code (0/null for network failures) with a short reason for messages.
/// </summary>
internal readonly record struct S3Failure(ObjectStoreError Error, bool Transient, int Status, string? Code, string Reason)
{
    private static readonly HashSet<string> ThrottleCodes = new(StringComparer.Ordinal)
    {
        "SlowDown", "Throttling", "ThrottlingException", "RequestLimitExceeded", "TooManyRequests",
        "RequestTimeout", "InternalError", "ServiceUnavailable",
    };

    private static readonly HashSet<string> CredentialCodes = new(StringComparer.Ordinal)
    {
        "InvalidAccessKeyId", "SignatureDoesNotMatch", "InvalidToken", "ExpiredToken", "TokenRefreshRequired",
    };

    /// <summary>True when the server rejected the credentials themselves (not merely a permission).</summary>
    public bool IsCredentialRejection => Code is not null && CredentialCodes.Contains(Code);

    /// <summary>Classifies an exception thrown by the SDK or by the transport.</summary>
    public static S3Failure Classify(Exception ex)
    {
        if (ex is AmazonServiceException service && (int)service.StatusCode > 0)
            return FromStatus((int)service.StatusCode, service.ErrorCode, service.Message);
        if (FindNetworkCause(ex) is { } network)
            return new S3Failure(ObjectStoreError.Unreachable, true, 0, null, network);
        if (ex is AmazonClientException && ex.Message.Contains("credentials", StringComparison.OrdinalIgnoreCase))
            return new S3Failure(ObjectStoreError.AccessDenied, false, 0, "NoCredentials", ex.Message);
        return new S3Failure(ObjectStoreError.Unknown, false, 0, null, $"{ex.GetType().Name}: {FirstLine(ex.Message)}");
    }

    /// <summary>Classifies an HTTP answer by status and S3 error code.</summary>
    public static S3Failure FromStatus(int status, string? code, string? message)
    {
        string reason = $"{status}{(code is null ? "" : " " + code)}";
        if (status == 501 || code == "NotImplemented") return new(ObjectStoreError.NotSupported, false, status, code, reason);
        if (status == 429 || status >= 500 || (code is not null && ThrottleCodes.Contains(code)))
            return new(ObjectStoreError.ServerError, true, status, code, reason);
        ObjectStoreError error = status switch
        {
            403 when code == "InvalidObjectState" => ObjectStoreError.Archived,
            403 => ObjectStoreError.AccessDenied,
            404 when code == "NoSuchBucket" => ObjectStoreError.NoSuchBucket,
            404 => ObjectStoreError.NotFound,
            412 => ObjectStoreError.PreconditionFailed,
            405 => ObjectStoreError.NotSupported,
            _ when code == "InvalidObjectState" => ObjectStoreError.Archived,
            _ => ObjectStoreError.InvalidRequest,
        };
        if (error == ObjectStoreError.InvalidRequest && !string.IsNullOrWhiteSpace(message)) reason += ": " + FirstLine(message);
        return new(error, false, status, code, reason);
    }

    /// <summary>A timeout of one attempt (ours, not the caller's cancellation).</summary>
    public static S3Failure Timeout(TimeSpan limit) =>
        new(ObjectStoreError.Unreachable, true, 0, null, $"no answer within {limit.TotalSeconds:0.#} s");

    private static string? FindNetworkCause(Exception ex)
    {
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SocketException s: return SocketReason(s.SocketErrorCode);
                case HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError }: return "host name not found";
                case TimeoutException: return "no answer in time";
                case TaskCanceledException: return "no answer in time";
            }
        }
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            if (e is HttpRequestException or IOException or WebException) return "connection failed: " + FirstLine(e.Message);
        }
        return null;
    }

    private static string SocketReason(SocketError error) => error switch
    {
        SocketError.ConnectionRefused => "connection refused",
        SocketError.ConnectionReset => "connection reset",
        SocketError.ConnectionAborted => "connection aborted",
        SocketError.TimedOut => "connection timed out",
        SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData => "host name not found",
        SocketError.HostUnreachable or SocketError.NetworkUnreachable => "host unreachable",
        _ => "socket error " + error,
    };

    internal static string FirstLine(string text)
    {
        int end = text.IndexOfAny(['\r', '\n']);
        return end < 0 ? text : text[..end];
    }
}
