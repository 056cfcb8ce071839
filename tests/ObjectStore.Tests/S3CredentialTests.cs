using GatewayFs.ObjectStore;
using GatewayFs.TestKit.S3;
using Xunit;

namespace GatewayFs.Tests.ObjectStore;

/// <summary>Tests that change AWS_* environment variables run alone, after everything else.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EnvironmentCollection : ICollectionFixture<S3rverFixture>
{
    public const string Name = "environment";
}

/// <summary>
/// Which credentials reach the server, seen by <see cref="FaultProxy"/> in the SigV4
/// Authorization header: profiles from the shared files, the environment, explicit keys,
/// anonymous. s3rver knows only the key id S3RVER (it checks key ids, not SigV4 signatures),
/// so other ids also show a real InvalidAccessKeyId rejection.
/// </summary>
[Collection(EnvironmentCollection.Name)]
public sealed class S3CredentialTests(S3rverFixture s3rver) : IAsyncLifetime
{
    private static readonly string[] Variables =
        ["AWS_SHARED_CREDENTIALS_FILE", "AWS_CONFIG_FILE", "AWS_PROFILE", "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"];

    private readonly Dictionary<string, string?> _saved = Variables.ToDictionary(v => v, Environment.GetEnvironmentVariable);
    private readonly string _home = Directory.CreateTempSubdirectory("gatewayfs-aws-").FullName;
    private FaultProxy _proxy = null!;
    private string _bucket = "";

    public async Task InitializeAsync()
    {
        foreach (string v in Variables) Environment.SetEnvironmentVariable(v, null);
        File.WriteAllText(Path.Combine(_home, "credentials"),
            "[gwtest]\naws_access_key_id = AKIDFROMPROFILE\naws_secret_access_key = secret1\nregion = eu-west-3\n\n[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = secret2\n");
        // The region sits in the credentials file: the SDK caches the config file's location per process.
        File.WriteAllText(Path.Combine(_home, "config"), "[profile other]\nregion = eu-west-1\n");
        Environment.SetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE", Path.Combine(_home, "credentials"));
        Environment.SetEnvironmentVariable("AWS_CONFIG_FILE", Path.Combine(_home, "config"));
        _bucket = await s3rver.CreateBucketAsync();
        _proxy = FaultProxy.Start(s3rver.Endpoint);
    }

    public async Task DisposeAsync()
    {
        await _proxy.DisposeAsync();
        foreach ((string name, string? value) in _saved) Environment.SetEnvironmentVariable(name, value);
        Directory.Delete(_home, recursive: true);
    }

    private S3ObjectStoreOptions Options => s3rver.OptionsFor(_bucket, _proxy.Endpoint) with { AccessKey = null, SecretKey = null, Region = null };

    [Fact]
    public async Task A_named_profile_supplies_keys_and_region()
    {
        await using var store = new S3ObjectStore(Options with { Profile = "gwtest" });
        await ExpectRejectedAsync(store);
        Assert.Equal(["AKIDFROMPROFILE"], _proxy.AccessKeyIds);
        Assert.Equal("eu-west-3", store.Region);
    }

    [Fact]
    public async Task The_default_chain_takes_the_environment()
    {
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "AKIDFROMENV");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "secret3");
        Environment.SetEnvironmentVariable("AWS_REGION", "ap-south-1");
        await using var store = new S3ObjectStore(Options);
        await ExpectRejectedAsync(store);
        Assert.Equal(["AKIDFROMENV"], _proxy.AccessKeyIds);
        Assert.Equal("ap-south-1", store.Region);
    }

    [Fact]
    public async Task Explicit_keys_win_and_anonymous_sends_no_signature()
    {
        Environment.SetEnvironmentVariable("AWS_PROFILE", "gwtest");
        await using (var store = new S3ObjectStore(Options with { AccessKey = S3rverFixture.AccessKey, SecretKey = S3rverFixture.SecretKey }))
            await store.CheckAsync(CancellationToken.None);
        Assert.Equal([S3rverFixture.AccessKey], _proxy.AccessKeyIds);
        await using (var anonymous = new S3ObjectStore(Options with { Anonymous = true }))
            await anonymous.CheckAsync(CancellationToken.None);
        Assert.Contains("(anonymous)", _proxy.AccessKeyIds);
    }

    [Fact]
    public async Task AWS_PROFILE_selects_the_profile_of_the_default_chain()
    {
        Environment.SetEnvironmentVariable("AWS_PROFILE", "gwtest");
        await using var store = new S3ObjectStore(Options);
        await ExpectRejectedAsync(store);
        Assert.Equal(["AKIDFROMPROFILE"], _proxy.AccessKeyIds);
        Assert.Equal("eu-west-3", store.Region);
    }

    private static async Task ExpectRejectedAsync(S3ObjectStore store)
    {
        var e = await Assert.ThrowsAsync<ObjectStoreException>(() => store.CheckAsync(CancellationToken.None));
        Assert.Equal(ObjectStoreError.AccessDenied, e.Error);
        Assert.Contains("rejected the credentials (403 InvalidAccessKeyId)", e.Message);
    }

    [Fact]
    public void A_missing_profile_is_named_in_the_error()
    {
        Environment.SetEnvironmentVariable("AWS_PROFILE", "typo");
        Assert.Contains("'typo' (from AWS_PROFILE) not found", Assert.Throws<ObjectStoreException>(() => new S3ObjectStore(Options)).Message);

        var e = Assert.Throws<ObjectStoreException>(() => new S3ObjectStore(Options with { Profile = "nope" }));
        Assert.Equal(ObjectStoreError.AccessDenied, e.Error);
        Assert.Equal("AWS profile 'nope' not found in ~/.aws/credentials or ~/.aws/config; check --profile or AWS_PROFILE", e.Message);
    }
}
