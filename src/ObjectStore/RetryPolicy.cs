namespace GatewayFs.ObjectStore;

/// <summary>
/// How a store retries transient failures (5xx, throttling, timeouts, resets): exponential
/// backoff with full jitter, bounded by attempts and by total time. The SDK's own retries are
/// off so that this policy is the only one and tests can count requests.
/// </summary>
public sealed record RetryPolicy
{
    /// <summary>Eight attempts, 100 ms base, 5 s cap, at most one minute in all.</summary>
    public static RetryPolicy Default { get; } = new();

    /// <summary>One attempt, no retry.</summary>
    public static RetryPolicy None { get; } = new() { MaxAttempts = 1 };

    /// <summary>Attempts in all, including the first (at least 1).</summary>
    public int MaxAttempts { get; init; } = 8;

    /// <summary>Delay cap of the first retry; doubles for each later one.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Largest delay between two attempts.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>No new attempt starts once this much time has passed since the first.</summary>
    public TimeSpan MaxElapsed { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The delay before retry number <paramref name="retry"/> (1 for the first retry), given a
    /// uniform random number in [0, 1): full jitter, i.e. uniform in [0, min(MaxDelay, BaseDelay·2^(retry-1))).
    /// </summary>
    public TimeSpan DelayBeforeRetry(int retry, double random01)
    {
        if (retry < 1) throw new ArgumentOutOfRangeException(nameof(retry), retry, "retry numbers start at 1");
        // Cap the exponent so the multiplication cannot overflow for long retry runs.
        double ceilingTicks = Math.Min(MaxDelay.Ticks, BaseDelay.Ticks * Math.Pow(2, Math.Min(retry - 1, 40)));
        return TimeSpan.FromTicks((long)(ceilingTicks * Math.Clamp(random01, 0, 1)));
    }

    /// <summary>Throws when the policy cannot work, with what to change.</summary>
    public void Validate()
    {
        if (MaxAttempts < 1) throw new ArgumentException($"retry policy: MaxAttempts is {MaxAttempts}; it must be at least 1");
        if (BaseDelay < TimeSpan.Zero || MaxDelay < TimeSpan.Zero || MaxElapsed < TimeSpan.Zero)
            throw new ArgumentException("retry policy: delays must not be negative");
    }
}
