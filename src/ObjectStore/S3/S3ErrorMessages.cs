namespace GatewayFs.ObjectStore;

/// <summary>Turns a classified failure into the one-line message a user sees: what is wrong, then what to do.</summary>
internal sealed class S3ErrorMessages(string endpointText, string bucket, string? region)
{
    public ObjectStoreException ToException(S3Failure f, string operation, string? key, int attempts, TimeSpan elapsed, Exception? inner)
    {
        string what = key is null ? $"bucket '{bucket}'" : $"'{key}' in bucket '{bucket}'";
        string tries = attempts > 1 ? $" ({attempts} attempts over {elapsed.TotalSeconds:0.#} s)" : "";
        string message = f.Error switch
        {
            ObjectStoreError.Unreachable =>
                $"cannot reach {endpointText}: {f.Reason}{tries}; check --endpoint and that the server is running",
            ObjectStoreError.ServerError =>
                $"{endpointText} kept failing on {operation} of {what}: {f.Reason}{tries}; the server is overloaded or down, retry later",
            ObjectStoreError.AccessDenied when f.Code == "NoCredentials" =>
                "no AWS credentials found (environment, ~/.aws/credentials, ~/.aws/config); set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE/--profile",
            ObjectStoreError.AccessDenied when f.IsCredentialRejection =>
                $"{endpointText} rejected the credentials ({f.Reason}); check AWS_PROFILE/--profile, AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY",
            ObjectStoreError.AccessDenied =>
                $"access denied to {what} at {endpointText} ({f.Reason}) on {operation}; check the credentials' permissions and the bucket policy",
            ObjectStoreError.NoSuchBucket =>
                $"bucket '{bucket}' does not exist at {endpointText}; create it or check --bucket",
            ObjectStoreError.NotFound when f.Code == "NoSuchUpload" =>
                $"multipart upload of '{key}' no longer exists ({f.Reason}); start the upload again",
            ObjectStoreError.NotFound => $"{what} not found at {endpointText}",
            ObjectStoreError.PreconditionFailed => $"{what} changed while being read ({f.Reason}); read it again",
            ObjectStoreError.NotSupported => $"{endpointText} does not support {operation} ({f.Reason})",
            ObjectStoreError.Archived => $"{what} is archived ({f.Reason}); restore it before reading",
            ObjectStoreError.InvalidRequest when f.Code is "AuthorizationHeaderMalformed" or "PermanentRedirect" or "IllegalLocationConstraintException" =>
                $"bucket '{bucket}' is not in region '{region}' at {endpointText} ({f.Reason}); pass the bucket's region with --region",
            ObjectStoreError.InvalidRequest => $"{endpointText} refused {operation} of {what}: {f.Reason}",
            _ => $"{operation} of {what} at {endpointText} failed: {f.Reason}",
        };
        return new ObjectStoreException(f.Error, message, inner);
    }
}
