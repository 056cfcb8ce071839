using System.Diagnostics;
using GatewayFs.ObjectStore;
using GatewayFs.TestKit.S3;
using Xunit;

namespace GatewayFs.Tests.ObjectStore;

/// <summary>S3ObjectStore through <see cref="FaultProxy"/> in front of s3rver: retries, timeouts, error messages.</summary>
[Collection(S3rverCollection.Name)]
public sealed class S3FaultTests(S3rverFixture s3rver) : IAsyncLifetime
{
    private static readonly RetryPolicy Fast = new()
    {
        MaxAttempts = 6,
        BaseDelay = TimeSpan.FromMilliseconds(10),
        MaxDelay = TimeSpan.FromMilliseconds(200),
        MaxElapsed = TimeSpan.FromSeconds(60),
    };

    private FaultProxy _proxy = null!;
    private string _bucket = "";
    private S3ObjectStore _store = null!;

    private static CancellationToken None => CancellationToken.None;

    public async Task InitializeAsync()
    {
        _bucket = await s3rver.CreateBucketAsync();
        _proxy = FaultProxy.Start(s3rver.Endpoint);
        _store = Store(Fast);
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        await _proxy.DisposeAsync();
    }

    private S3ObjectStore Store(RetryPolicy retry, TimeSpan? timeout = null, string? bucket = null) =>
        new(s3rver.OptionsFor(bucket ?? _bucket, _proxy.Endpoint) with { Retry = retry, RequestTimeout = timeout ?? TimeSpan.FromSeconds(30) });

    [Fact]
    public async Task Large_bodies_and_keep_alive_pass_through_unchanged()
    {
        byte[] data = TestData.Bytes((6 << 20) + 17, 21);
        string upload = await _store.CreateMultipartAsync("big", ObjectMetadata.Empty, None);
        string e1 = await _store.UploadPartAsync("big", upload, 1, data.AsMemory(0, 5 << 20), None);
        string e2 = await _store.UploadPartAsync("big", upload, 2, data.AsMemory(5 << 20), None);
        await _store.CompleteMultipartAsync("big", upload, [new(1, e1), new(2, e2)], None);
        for (int i = 0; i < 20; i++) await _store.PutAsync($"small/{i}", TestData.Bytes(100, i), ObjectMetadata.Empty, None);

        await using ObjectReadStream read = await _store.OpenReadAsync("big", 0, null, None);
        Assert.Equal(data, await TestData.ReadAllAsync(read.Body));
        Assert.Equal(2, _proxy.Count("UploadPart"));
        Assert.Equal(20, _proxy.Count("PutObject"));
        Assert.Equal(0, _proxy.InjectedFaults);
    }

    [Fact]
    public async Task The_SDK_makes_exactly_one_attempt_per_call_so_the_policy_is_ours()
    {
        await using S3ObjectStore once = Store(RetryPolicy.None);
        _proxy.FailNext(1, Fault.InternalError);
        var e = await Assert.ThrowsAsync<ObjectStoreException>(() => once.PutAsync("k", TestData.Bytes(10), ObjectMetadata.Empty, None));
        Assert.Equal(ObjectStoreError.ServerError, e.Error);
        Assert.Equal(1, _proxy.Count("PutObject"));
    }

    [Theory]
    [InlineData("500")]
    [InlineData("503")]
    [InlineData("429")]
    [InlineData("reset")]
    public async Task Transient_failures_are_retried_until_the_write_succeeds(string kind)
    {
        Fault fault = kind switch
        {
            "500" => Fault.InternalError,
            "503" => Fault.SlowDown,
            "429" => Fault.TooManyRequests,
            _ => Fault.Reset,
        };
        byte[] data = TestData.Bytes(200_000, 3);
        _proxy.FailNext(3, fault, r => r.Kind == "PutObject");
        await _store.PutAsync("flaky", data, ObjectMetadata.Empty.With("mode", "33188"), None);
        Assert.Equal(4, _proxy.Count("PutObject"));

        _proxy.FailNext(2, fault, r => r.Kind == "GetObject");
        byte[] back = new byte[data.Length];
        Assert.Equal(data.Length, await _store.GetRangeAsync("flaky", 0, back, null, None));
        Assert.Equal(data, back);
        Assert.Equal(3, _proxy.Count("GetObject"));
    }

    [Fact]
    public async Task Random_faults_during_a_workload_never_lose_or_corrupt_data()
    {
        _proxy.FailWithProbability(0.25, Fault.InternalError, seed: 42);
        byte[] big = TestData.Bytes((5 << 20) + 1000, 5);
        string upload = await _store.CreateMultipartAsync("m", ObjectMetadata.Empty, None);
        string e1 = await _store.UploadPartAsync("m", upload, 1, big.AsMemory(0, 5 << 20), None);
        string e2 = await _store.UploadPartAsync("m", upload, 2, big.AsMemory(5 << 20), None);
        await _store.CompleteMultipartAsync("m", upload, [new(1, e1), new(2, e2)], None);
        for (int i = 0; i < 10; i++) await _store.PutAsync($"f/{i}", TestData.Bytes(5000, i), ObjectMetadata.Empty, None);
        _proxy.FailWithProbability(0.25, Fault.Reset, seed: 43);
        var keys = new List<string>();
        string? token = null;
        do
        {
            ListPage page = await _store.ListAsync("f/", null, token, 3, None);
            keys.AddRange(page.Objects.Select(o => o.Key));
            token = page.ContinuationToken;
        }
        while (token is not null);
        _proxy.Clear();

        Assert.True(_proxy.InjectedFaults > 3, $"only {_proxy.InjectedFaults} faults injected");
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"f/{i}"), keys);
        await using ObjectReadStream read = await _store.OpenReadAsync("m", 0, null, None);
        Assert.Equal(big, await TestData.ReadAllAsync(read.Body));
    }

    [Fact]
    public async Task A_server_that_keeps_failing_gives_ServerError_after_the_policy_is_spent()
    {
        await using S3ObjectStore three = Store(Fast with { MaxAttempts = 3 });
        _proxy.FailAlways(Fault.SlowDown);
        var e = await Assert.ThrowsAsync<ObjectStoreException>(() => three.GetRangeAsync("x", 0, new byte[1], null, None));
        Assert.Equal(ObjectStoreError.ServerError, e.Error);
        Assert.True(e.IsTransient);
        Assert.Contains("503 SlowDown", e.Message);
        Assert.Contains("3 attempts", e.Message);
        Assert.Equal(3, _proxy.Count("GetObject"));

        // HEAD answers carry no error body: the status alone must do.
        e = await Assert.ThrowsAsync<ObjectStoreException>(() => three.HeadAsync("x", None));
        Assert.Equal(ObjectStoreError.ServerError, e.Error);
        Assert.Contains("503", e.Message);
        Assert.Equal(3, _proxy.Count("HeadObject"));
    }

    [Fact]
    public async Task A_blackholed_server_ends_in_Unreachable_within_a_bounded_time()
    {
        await using S3ObjectStore impatient = Store(Fast with { MaxAttempts = 2 }, timeout: TimeSpan.FromSeconds(1));
        _proxy.FailAlways(Fault.Blackhole);
        var clock = Stopwatch.StartNew();
        var e = await Assert.ThrowsAsync<ObjectStoreException>(() => impatient.GetRangeAsync("x", 0, new byte[10], null, None));
        Assert.Equal(ObjectStoreError.Unreachable, e.Error);
        Assert.Contains("no answer within", e.Message);
        Assert.Contains(_proxy.Endpoint.Authority, e.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
        Assert.Equal(2, _proxy.Count("GetObject"));
    }

    [Fact]
    public async Task Rejected_credentials_give_AccessDenied_at_once_with_what_to_check()
    {
        _proxy.FailAlways(Fault.InvalidAccessKey);
        var e = await Assert.ThrowsAsync<ObjectStoreException>(() => _store.CheckAsync(None));
        Assert.Equal(ObjectStoreError.AccessDenied, e.Error);
        Assert.False(e.IsTransient);
        Assert.Contains("rejected the credentials (403 InvalidAccessKeyId)", e.Message);
        Assert.Contains("AWS_PROFILE", e.Message);
        Assert.Equal(1, _proxy.Count("ListObjects"));

        _proxy.FailAlways(Fault.BadSignature);
        e = await Assert.ThrowsAsync<ObjectStoreException>(() => _store.PutAsync("k", TestData.Bytes(1), ObjectMetadata.Empty, None));
        Assert.Contains("SignatureDoesNotMatch", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public async Task A_refused_port_gives_Unreachable_naming_the_endpoint()
    {
        var nobody = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        nobody.Start();
        int port = ((System.Net.IPEndPoint)nobody.LocalEndpoint).Port;
        nobody.Stop();
        await using var store = new S3ObjectStore(s3rver.OptionsFor(_bucket, new Uri($"http://127.0.0.1:{port}")) with { Retry = Fast });
        var e = await Assert.ThrowsAsync<ObjectStoreException>(() => store.CheckAsync(None));
        Assert.Equal(ObjectStoreError.Unreachable, e.Error);
        Assert.StartsWith($"cannot reach http://127.0.0.1:{port}: connection refused", e.Message);
        Assert.Contains("--endpoint", e.Message);
    }

    [Fact]
    public async Task A_missing_bucket_gives_NoSuchBucket_saying_what_to_do()
    {
        await using S3ObjectStore store = Store(Fast, bucket: "no-such-bucket-here");
        var e = await Assert.ThrowsAsync<ObjectStoreException>(() => store.CheckAsync(None));
        Assert.Equal(ObjectStoreError.NoSuchBucket, e.Error);
        Assert.Equal($"bucket 'no-such-bucket-here' does not exist at {_proxy.Endpoint.ToString().TrimEnd('/')}; create it or check --bucket", e.Message);
    }

    [Fact]
    public async Task Latency_is_added_to_every_request()
    {
        await _store.PutAsync("slow", TestData.Bytes(10), ObjectMetadata.Empty, None);
        _proxy.Latency = TimeSpan.FromMilliseconds(300);
        var clock = Stopwatch.StartNew();
        Assert.NotNull(await _store.HeadAsync("slow", None));
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(250), $"took only {clock.Elapsed}");
    }
}
