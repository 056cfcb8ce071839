using GatewayFs.Fs.Linux;
using GatewayFs.Tests.Fs.Linux.Support;
using GatewayFs.TestKit.Fuse;
using Xunit;

namespace GatewayFs.Tests.Fs.Linux;

/// <summary>A slow filesystem call never holds a receive thread: other requests are served meanwhile.</summary>
public class AsyncReplyTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_pending_read_does_not_block_other_operations_even_with_one_thread()
    {
        var fs = new MiniFs();
        ulong slow = fs.AddFile("slow", MiniFs.Utf8("finally"));
        fs.AddFile("fast", MiniFs.Utf8("at once"));
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        fs.ReadGate = node =>
        {
            if (node != slow) return Task.CompletedTask;
            entered.TrySetResult();
            return release.Task;
        };
        using var m = TempMount.Create(fs, new FuseMountOptions { Threads = 1 });

        var slowRead = Task.Run(() => File.ReadAllText(m.PathOf("slow")));
        await entered.Task.WaitAsync(Patience);

        // The only receive thread is free: stat, listing and another read all complete.
        var others = Task.Run(() =>
        {
            Assert.Equal(0, Posix.Stat(m.PathOf("fast")));
            Assert.Equal(2, Directory.GetFiles(m.Path).Length);
            return File.ReadAllText(m.PathOf("fast"));
        });
        Assert.Equal("at once", await others.WaitAsync(Patience));
        Assert.False(slowRead.IsCompleted);

        release.SetResult();
        Assert.Equal("finally", await slowRead.WaitAsync(Patience));
    }

    [Fact]
    public async Task A_write_that_completes_later_keeps_its_data_while_the_loop_reuses_buffers()
    {
        // Every write waits before copying, so the receive loop moves on while the data is still needed.
        var fs = new MiniFs { WriteGate = _ => Task.Delay(20) };
        using var m = TempMount.Create(fs, new FuseMountOptions { Threads = 1 });
        var chunks = Enumerable.Range(0, 8).Select(i => Enumerable.Repeat((byte)(i + 1), 256 * 1024).ToArray()).ToArray();
        var writers = chunks.Select((c, i) => Task.Run(() => File.WriteAllBytes(m.PathOf($"f{i}"), c))).ToArray();
        await Task.WhenAll(writers).WaitAsync(Patience);
        for (int i = 0; i < chunks.Length; i++)
            Assert.Equal(chunks[i], File.ReadAllBytes(m.PathOf($"f{i}")));
    }
}
