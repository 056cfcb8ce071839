using System.Net.Sockets;
using GatewayFs.ObjectStore;
using Xunit;

namespace GatewayFs.Tests.ObjectStore;

public sealed class S3FailureTests
{
    private readonly S3ErrorMessages _messages = new("http://s3.example:9000", "bkt", "us-east-1");

    [Theory]
    [InlineData(500, "InternalError", ObjectStoreError.ServerError, true)]
    [InlineData(503, "SlowDown", ObjectStoreError.ServerError, true)]
    [InlineData(429, null, ObjectStoreError.ServerError, true)]
    [InlineData(400, "RequestTimeout", ObjectStoreError.ServerError, true)]
    [InlineData(501, "NotImplemented", ObjectStoreError.NotSupported, false)]
    [InlineData(403, "InvalidAccessKeyId", ObjectStoreError.AccessDenied, false)]
    [InlineData(403, "InvalidObjectState", ObjectStoreError.Archived, false)]
    [InlineData(404, "NoSuchBucket", ObjectStoreError.NoSuchBucket, false)]
    [InlineData(404, "NoSuchKey", ObjectStoreError.NotFound, false)]
    [InlineData(404, null, ObjectStoreError.NotFound, false)]
    [InlineData(412, "PreconditionFailed", ObjectStoreError.PreconditionFailed, false)]
    [InlineData(405, "MethodNotAllowed", ObjectStoreError.NotSupported, false)]
    [InlineData(400, "EntityTooSmall", ObjectStoreError.InvalidRequest, false)]
    public void Statuses_and_codes_map_to_errors_and_retry_decisions(int status, string? code, ObjectStoreError error, bool transient)
    {
        S3Failure f = S3Failure.FromStatus(status, code, "message");
        Assert.Equal(error, f.Error);
        Assert.Equal(transient, f.Transient);
    }

    [Theory]
    [InlineData(SocketError.ConnectionRefused, "connection refused")]
    [InlineData(SocketError.ConnectionReset, "connection reset")]
    [InlineData(SocketError.HostNotFound, "host name not found")]
    public void Network_failures_are_transient_and_unreachable(SocketError socketError, string reason)
    {
        var ex = new HttpRequestException("boom", new SocketException((int)socketError));
        S3Failure f = S3Failure.Classify(ex);
        Assert.Equal(ObjectStoreError.Unreachable, f.Error);
        Assert.True(f.Transient);
        Assert.Equal(reason, f.Reason);
        Assert.True(S3Failure.Classify(new IOException("reset mid-body")).Transient);
    }

    [Fact]
    public void Messages_say_what_is_wrong_and_what_to_do_on_one_line()
    {
        string Message(S3Failure f, string? key = null) => _messages.ToException(f, "GET", key, 3, TimeSpan.FromSeconds(2), null).Message;

        Assert.Equal("cannot reach http://s3.example:9000: connection refused (3 attempts over 2 s); check --endpoint and that the server is running",
            Message(S3Failure.Classify(new HttpRequestException("x", new SocketException((int)SocketError.ConnectionRefused)))));
        Assert.Equal("bucket 'bkt' does not exist at http://s3.example:9000; create it or check --bucket",
            Message(S3Failure.FromStatus(404, "NoSuchBucket", null)));
        Assert.StartsWith("http://s3.example:9000 rejected the credentials (403 SignatureDoesNotMatch); check AWS_PROFILE",
            Message(S3Failure.FromStatus(403, "SignatureDoesNotMatch", null)));
        Assert.Contains("pass the bucket's region with --region", Message(S3Failure.FromStatus(400, "AuthorizationHeaderMalformed", "wrong region")));
        Assert.Contains("restore it before reading", Message(S3Failure.FromStatus(403, "InvalidObjectState", null), "cold"));
        Assert.Contains("no AWS credentials found", Message(S3Failure.Classify(new Amazon.Runtime.AmazonClientException("Failed to resolve AWS credentials."))));
    }
}
