using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using GatewayFs.ObjectStore;
using Microsoft.Extensions.Logging;
using Xunit;

namespace GatewayFs.TestKit.S3;

/// <summary>
/// A real s3rver on a free loopback port with a temporary data directory, for xunit class or
/// collection fixtures (<c>ICollectionFixture&lt;S3rverFixture&gt;</c> in the test assembly).
/// The process is killed and the directory deleted on dispose, also when tests fail, and on
/// process exit should the test host never dispose it. A fresh bucket per test is the norm.
/// </summary>
public sealed class S3rverFixture : IAsyncLifetime, IAsyncDisposable
{
    /// <summary>s3rver checks no signatures; any non-empty keys work.</summary>
    public const string AccessKey = "S3RVER";

    /// <summary>Secret matching <see cref="AccessKey"/>.</summary>
    public const string SecretKey = "S3RVER";

    private static int s_bucketCounter;
    private readonly StringBuilder _output = new();
    private Process? _process;
    private string? _directory;
    private EventHandler? _exitHook;

    /// <summary>The server, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public Uri Endpoint { get; private set; } = new("http://127.0.0.1:1");

    /// <summary>s3rver's data directory (deleted on dispose).</summary>
    public string? DataDirectory => _directory;

    /// <summary>The loopback port it listens on.</summary>
    public int Port => Endpoint.Port;

    /// <summary>Starts s3rver and waits until it answers.</summary>
    public async Task InitializeAsync()
    {
        string script = FindScript();
        _directory = Directory.CreateTempSubdirectory("gatewayfs-s3rver-").FullName;
        _exitHook = (_, _) => Stop();
        AppDomain.CurrentDomain.ProcessExit += _exitHook;
        Exception? last = null;
        for (int attempt = 0; attempt < 3; attempt++)
        {
            int port = FreePort();
            try
            {
                await StartAsync(script, port).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (attempt < 2)
            {
                // Another process may have taken the port between probe and bind.
                last = ex;
                KillProcess();
            }
        }
        throw new InvalidOperationException("s3rver did not start", last);
    }

    /// <summary>Creates a bucket (a fresh unique name when none is given) and returns its name.</summary>
    public async Task<string> CreateBucketAsync(string? name = null)
    {
        name ??= $"t{Interlocked.Increment(ref s_bucketCounter)}-{Guid.NewGuid():N}"[..24];
        using AmazonS3Client client = CreateRawClient();
        await client.PutBucketAsync(new PutBucketRequest { BucketName = name }).ConfigureAwait(false);
        return name;
    }

    /// <summary>Store options for a bucket on this server (or on <paramref name="endpoint"/>, e.g. a proxy in front of it).</summary>
    public S3ObjectStoreOptions OptionsFor(string bucket, Uri? endpoint = null) => new()
    {
        Bucket = bucket,
        Endpoint = endpoint ?? Endpoint,
        Region = "us-east-1",
        AccessKey = AccessKey,
        SecretKey = SecretKey,
        RequestTimeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>An <see cref="S3ObjectStore"/> for a bucket; <paramref name="configure"/> may change the options.</summary>
    public S3ObjectStore CreateStore(string bucket, Func<S3ObjectStoreOptions, S3ObjectStoreOptions>? configure = null, ILogger? logger = null)
    {
        S3ObjectStoreOptions options = OptionsFor(bucket);
        return new S3ObjectStore(configure is null ? options : configure(options), logger);
    }

    /// <summary>A plain SDK client for direct puts and gets in tests, set up for s3rver's quirks
    /// (path style, no flexible checksums). Use <c>UseChunkEncoding = false</c> on puts.</summary>
    public AmazonS3Client CreateRawClient(Uri? endpoint = null) => new(
        new BasicAWSCredentials(AccessKey, SecretKey),
        new AmazonS3Config
        {
            ServiceURL = (endpoint ?? Endpoint).ToString(),
            AuthenticationRegion = "us-east-1",
            ForcePathStyle = true,
            UseHttp = true,
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        });

    /// <summary>Where s3rver.js is: $GATEWAYFS_S3RVER, else <c>.tools/s3rver/…</c> in the first parent directory of the test assembly that has it.</summary>
    public static string FindScript()
    {
        const string relative = ".tools/s3rver/node_modules/s3rver/bin/s3rver.js";
        if (Environment.GetEnvironmentVariable("GATEWAYFS_S3RVER") is { Length: > 0 } fromEnv)
        {
            if (File.Exists(fromEnv)) return fromEnv;
            throw new FileNotFoundException($"GATEWAYFS_S3RVER points to '{fromEnv}', which does not exist; run scripts/deps.sh --test or fix the variable");
        }
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException($"s3rver is not installed ({relative} not found above {AppContext.BaseDirectory}); run scripts/deps.sh --test");
    }

    /// <inheritdoc />
    public Task DisposeAsync()
    {
        Stop();
        return Task.CompletedTask;
    }

    ValueTask IAsyncDisposable.DisposeAsync()
    {
        Stop();
        return ValueTask.CompletedTask;
    }

    private async Task StartAsync(string script, int port)
    {
        var info = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Without the legacy provider, truncated listings answer 500 on Node 20 (continuation-token cipher).
        foreach (string arg in new[] { "--openssl-legacy-provider", script, "--address", "127.0.0.1", "--port", port.ToString(), "--directory", _directory!, "--silent" })
            info.ArgumentList.Add(arg);
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Remember(e.Data);
        process.ErrorDataReceived += (_, e) => Remember(e.Data);
        if (!process.Start()) throw new InvalidOperationException("could not start node; is Node.js installed?");
        _process = process;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Endpoint = new Uri($"http://127.0.0.1:{port}");

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (process.HasExited)
                throw new InvalidOperationException($"s3rver exited with code {process.ExitCode} on port {port}: {Output()}");
            try
            {
                using HttpResponseMessage answer = await http.GetAsync(Endpoint).ConfigureAwait(false);
                if (answer.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(100).ConfigureAwait(false);
        }
        throw new TimeoutException($"s3rver did not answer on port {port} within 30 s: {Output()}");
    }

    private void Remember(string? line)
    {
        if (line is null) return;
        lock (_output)
        {
            if (_output.Length < 16_384) _output.AppendLine(line);
        }
    }

    private string Output()
    {
        lock (_output) return _output.ToString().Trim();
    }

    private void Stop()
    {
        KillProcess();
        if (_exitHook is not null)
        {
            AppDomain.CurrentDomain.ProcessExit -= _exitHook;
            _exitHook = null;
        }
        if (_directory is not null)
        {
            DeleteDirectory(_directory);
            _directory = null;
        }
    }

    private static void DeleteDirectory(string directory)
    {
        // The killed server may still be closing files for a moment.
        for (int attempt = 1; Directory.Exists(directory); attempt++)
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException) when (attempt < 5)
            {
                Thread.Sleep(200);
            }
        }
    }

    private void KillProcess()
    {
        Process? process = Interlocked.Exchange(ref _process, null);
        if (process is null) return;
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException) { /* already gone */ }
        finally
        {
            process.Dispose();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
