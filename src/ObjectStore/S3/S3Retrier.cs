using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace GatewayFs.ObjectStore;

/// <summary>
/// Runs one S3 operation under the retry policy: each attempt gets its own timeout; transient
/// failures are retried with full-jitter backoff; the last failure becomes an
/// <see cref="ObjectStoreException"/>. The caller's cancellation always wins and is rethrown as is.
/// </summary>
internal sealed class S3Retrier(S3ObjectStoreOptions options, S3ErrorMessages messages, ILogger logger)
{
    public async Task<T> RunAsync<T>(string operation, string? key, long bodyBytes, Func<CancellationToken, Task<T>> attempt, CancellationToken ct, RetryPolicy? policyOverride = null)
    {
        RetryPolicy policy = policyOverride ?? options.Retry;
        TimeSpan limit = options.AttemptTimeout(bodyBytes);
        var clock = Stopwatch.StartNew();
        for (int attempts = 1; ; attempts++)
        {
            Exception failure;
            S3Failure classified;
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                timeout.CancelAfter(limit);
                try
                {
                    return await attempt(timeout.Token).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not ObjectStoreException)
                {
                    ct.ThrowIfCancellationRequested();
                    failure = ex;
                    classified = timeout.IsCancellationRequested ? S3Failure.Timeout(limit) : S3Failure.Classify(ex);
                }
            }
            TimeSpan delay = policy.DelayBeforeRetry(attempts, Random.Shared.NextDouble());
            if (!classified.Transient || attempts >= policy.MaxAttempts || clock.Elapsed + delay > policy.MaxElapsed)
                throw messages.ToException(classified, operation, key, attempts, clock.Elapsed, failure);
            logger.LogDebug("S3 {Operation} {Key}: attempt {Attempt} failed ({Reason}); retrying in {Delay} ms",
                operation, key, attempts, classified.Reason, (int)delay.TotalMilliseconds);
            await Task.Delay(delay, ct).ConfigureAwait(false);
        }
    }
}
