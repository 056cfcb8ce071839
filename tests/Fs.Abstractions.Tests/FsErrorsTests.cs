using GatewayFs.Fs;
using Xunit;

namespace GatewayFs.Tests.Fs.Abstractions;

/// <summary>FsErrors hands out failed tasks without throwing and without allocating per call.</summary>
public class FsErrorsTests
{
    [Fact]
    public void Cached_exceptions_are_one_instance_per_error()
    {
        Assert.Same(FsErrors.Cached(FsError.NoData), FsErrors.Cached(FsError.NoData));
        Assert.NotSame(FsErrors.Cached(FsError.NoData), FsErrors.Cached(FsError.NotFound));
        Assert.Equal(FsError.NotFound, FsErrors.Cached(FsError.NotFound).Error);
    }

    [Fact]
    public void Fail_returns_one_already_failed_task_per_error_and_type()
    {
        ValueTask<int> a = FsErrors.Fail<int>(FsError.NoData), b = FsErrors.Fail<int>(FsError.NoData);
        Assert.True(a.IsFaulted);
        Assert.Same(a.AsTask(), b.AsTask());
        Assert.Same(FsErrors.Cached(FsError.NoData), a.AsTask().Exception!.InnerException);
        Assert.NotSame(FsErrors.Fail<long>(FsError.NoData).AsTask(), a.AsTask());
        ValueTask plain = FsErrors.Fail(FsError.NotFound);
        Assert.True(plain.IsFaulted);
        Assert.Same(FsErrors.Fail(FsError.NotFound).AsTask(), plain.AsTask());
    }

    [Fact]
    public async Task Awaiting_a_failed_task_gives_the_error_every_time()
    {
        for (int i = 0; i < 3; i++)
        {
            var e = await Assert.ThrowsAsync<FsException>(async () => await FsErrors.Fail<int>(FsError.Range));
            Assert.Equal(FsError.Range, e.Error);
            e = await Assert.ThrowsAsync<FsException>(async () => await FsErrors.Fail(FsError.Range));
            Assert.Equal(FsError.Range, e.Error);
        }
    }
}
