using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.S3;

namespace GatewayFs.ObjectStore;

/// <summary>Builds the SDK client from options: endpoint, region, addressing, credentials, timeouts, no SDK retries.</summary>
internal static class S3ClientFactory
{
    public static string ResolveRegion(S3ObjectStoreOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.Region)) return options.Region;
        foreach (string name in new[] { "AWS_REGION", "AWS_DEFAULT_REGION" })
        {
            if (Environment.GetEnvironmentVariable(name) is { Length: > 0 } fromEnv) return fromEnv;
        }
        string profile = options.Profile ?? NonEmpty(Environment.GetEnvironmentVariable("AWS_PROFILE")) ?? "default";
        if (ProfileStore().TryGetProfile(profile, out CredentialProfile? p) && p.Region is not null)
            return p.Region.SystemName;
        return "us-east-1";
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    /// <summary>
    /// The shared credentials/config files. The location is passed explicitly because the SDK
    /// caches its default location at first use and would miss a later AWS_SHARED_CREDENTIALS_FILE.
    /// </summary>
    private static CredentialProfileStoreChain ProfileStore() =>
        new(Environment.GetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE"));

    public static string EndpointText(S3ObjectStoreOptions options, string region) =>
        options.Endpoint?.GetLeftPart(UriPartial.Path).TrimEnd('/') ?? $"https://s3.{region}.amazonaws.com";

    public static AmazonS3Client Create(S3ObjectStoreOptions options, string region)
    {
        var config = new AmazonS3Config
        {
            // Our RetryPolicy is the only retry loop; the SDK makes exactly one attempt.
            MaxErrorRetry = 0,
            RetryMode = RequestRetryMode.Standard,
            Timeout = options.RequestTimeout + TimeSpan.FromSeconds(30),
            ConnectTimeout = options.ConnectTimeout,
            ForcePathStyle = options.ForcePathStyle ?? !options.IsAws,
        };
        if (options.Endpoint is null)
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }
        else
        {
            config.ServiceURL = options.Endpoint.ToString();
            config.AuthenticationRegion = region;
            config.UseHttp = options.Endpoint.Scheme == "http";
            // S3-compatible servers often do not know the newer flexible checksums.
            config.RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED;
            config.ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED;
        }
        AWSCredentials? credentials = ResolveCredentials(options);
        return credentials is null ? new AmazonS3Client(config) : new AmazonS3Client(credentials, config);
    }

    /// <summary>Explicit keys, a named profile (option or AWS_PROFILE) or anonymous; null leaves the SDK's default chain (environment keys, default profile, container and instance roles).</summary>
    private static AWSCredentials? ResolveCredentials(S3ObjectStoreOptions options)
    {
        if (options.Anonymous) return new AnonymousAWSCredentials();
        if (options.AccessKey is not null && options.SecretKey is not null)
        {
            return options.SessionToken is null
                ? new BasicAWSCredentials(options.AccessKey, options.SecretKey)
                : new SessionAWSCredentials(options.AccessKey, options.SecretKey, options.SessionToken);
        }
        // AWS_PROFILE is resolved here rather than by the SDK so that a wrong name gets our message.
        string? profile = options.Profile ?? NonEmpty(Environment.GetEnvironmentVariable("AWS_PROFILE"));
        if (profile is null) return null;
        if (ProfileStore().TryGetAWSCredentials(profile, out AWSCredentials? fromProfile))
            return fromProfile;
        string source = options.Profile is null ? " (from AWS_PROFILE)" : "";
        throw new ObjectStoreException(ObjectStoreError.AccessDenied,
            $"AWS profile '{profile}'{source} not found in ~/.aws/credentials or ~/.aws/config; check --profile or AWS_PROFILE");
    }
}
