using GatewayFs.Fs;
using Xunit;

namespace GatewayFs.TestKit.Conformance;

/// <summary>Assertions on filesystem errors.</summary>
public static class FsAssert
{
    /// <summary>Asserts that <paramref name="action"/> fails with <paramref name="expected"/>.</summary>
    public static async Task FailsAsync(FsError expected, Func<ValueTask> action)
    {
        var e = await Assert.ThrowsAsync<FsException>(async () => await action());
        Assert.True(e.Error == expected, $"expected {expected} ({(int)expected}), got {e.Error} ({(int)e.Error}): {e.Message}");
    }

    /// <summary>Asserts that <paramref name="action"/> fails with <paramref name="expected"/>.</summary>
    public static Task FailsAsync<T>(FsError expected, Func<ValueTask<T>> action) =>
        FailsAsync(expected, async () => { await action(); });

    /// <summary>Asserts that <paramref name="action"/> fails with one of <paramref name="expected"/>.</summary>
    public static async Task FailsWithOneOfAsync(Func<ValueTask> action, params FsError[] expected)
    {
        var e = await Assert.ThrowsAsync<FsException>(async () => await action());
        Assert.True(expected.Contains(e.Error), $"expected one of {string.Join(", ", expected)}, got {e.Error} ({(int)e.Error}): {e.Message}");
    }
}
