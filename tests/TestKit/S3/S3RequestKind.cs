namespace GatewayFs.TestKit.S3;

/// <summary>Names the S3 operation of a path-style request, for counting and fault filters.</summary>
internal static class S3RequestKind
{
    public static string Of(string method, string target, IEnumerable<KeyValuePair<string, string>> headers)
    {
        int q = target.IndexOf('?');
        string path = q < 0 ? target : target[..q];
        string query = q < 0 ? "" : target[(q + 1)..];
        bool bucketOnly = path.Trim('/').IndexOf('/') < 0; // the SDK sends /bucket/?list-type=2
        bool Has(string name) => query.Split('&').Any(p => p == name || p.StartsWith(name + "=", StringComparison.Ordinal));
        bool copy = headers.Any(h => h.Key.Equals("x-amz-copy-source", StringComparison.OrdinalIgnoreCase));
        return method switch
        {
            "GET" when path == "/" => "ListBuckets",
            "GET" when bucketOnly => "ListObjects",
            "GET" => "GetObject",
            "HEAD" when bucketOnly => "HeadBucket",
            "HEAD" => "HeadObject",
            "PUT" when bucketOnly => "CreateBucket",
            "PUT" when Has("uploadId") => copy ? "UploadPartCopy" : "UploadPart",
            "PUT" => copy ? "CopyObject" : "PutObject",
            "POST" when Has("uploads") => "CreateMultipartUpload",
            "POST" when Has("uploadId") => "CompleteMultipartUpload",
            "POST" when Has("delete") => "DeleteObjects",
            "DELETE" when Has("uploadId") => "AbortMultipartUpload",
            "DELETE" when bucketOnly => "DeleteBucket",
            "DELETE" => "DeleteObject",
            _ => method,
        };
    }
}
