using System.Runtime.ExceptionServices;
using GatewayFs.Fs;
using GatewayFs.Tests.Fs.Linux.Support;
using GatewayFs.TestKit.Fuse;
using Xunit;

namespace GatewayFs.Tests.Fs.Linux;

/// <summary>A filesystem may fail by returning a failed task; the adapter answers its errno without throwing it.</summary>
public class FailedTaskTests
{
    private static int ThrowsOf(Exception watched, Action act)
    {
        int seen = 0;
        void Count(object? _, FirstChanceExceptionEventArgs e)
        {
            if (ReferenceEquals(e.Exception, watched)) Interlocked.Increment(ref seen);
        }
        AppDomain.CurrentDomain.FirstChanceException += Count;
        try { act(); }
        finally { AppDomain.CurrentDomain.FirstChanceException -= Count; }
        return seen;
    }

    [Fact]
    public void A_shared_failed_task_is_answered_as_its_errno_and_never_thrown()
    {
        var fs = new MiniFs { MissingXattr = () => FsErrors.Fail<int>(FsError.NoData) };
        fs.AddFile("f", []);
        using var m = TempMount.Create(fs);
        int throws = ThrowsOf(FsErrors.Cached(FsError.NoData), () =>
        {
            for (int i = 0; i < 20; i++) Assert.Equal(61, Posix.GetXattr(m.PathOf("f"), "user.none", 64).Errno);
        });
        Assert.Equal(0, throws);
    }

    [Fact]
    public void The_filesystems_own_exception_in_a_failed_task_is_answered_without_a_throw_now_or_later()
    {
        var now = new FsException(FsError.Stale, "changed remotely");
        var later = new FsException(FsError.TimedOut, "backend slow");
        bool failLater = false;
        var fs = new MiniFs
        {
            MissingXattr = () =>
            {
                if (!failLater) return ValueTask.FromException<int>(now);
                // Fails after the callback returned: the asynchronous reply path.
                var tcs = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
                _ = Task.Delay(20).ContinueWith(_ => tcs.SetException(later), TaskScheduler.Default);
                return new ValueTask<int>(tcs.Task);
            },
        };
        fs.AddFile("f", []);
        using var m = TempMount.Create(fs);
        Assert.Equal(0, ThrowsOf(now, () => Assert.Equal(116, Posix.GetXattr(m.PathOf("f"), "user.none", 64).Errno)));
        failLater = true;
        Assert.Equal(0, ThrowsOf(later, () => Assert.Equal(110, Posix.GetXattr(m.PathOf("f"), "user.none", 64).Errno)));
    }
}
