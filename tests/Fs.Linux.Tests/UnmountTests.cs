using GatewayFs.Fs.Linux;
using GatewayFs.Tests.Fs.Linux.Support;
using GatewayFs.TestKit.Fuse;
using Xunit;

namespace GatewayFs.Tests.Fs.Linux;

/// <summary>Every way a session ends leaves no mount behind and ends <see cref="FuseMount.Completion"/>.</summary>
public class UnmountTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Unmount_removes_the_mount_and_is_idempotent(bool autoUnmount)
    {
        var fs = new MiniFs();
        fs.AddFile("f", MiniFs.Utf8("x"));
        using var m = TempMount.Create(fs, new FuseMountOptions { AutoUnmount = autoUnmount });
        Assert.Equal("x", File.ReadAllText(m.PathOf("f")));
        m.Mount.Unmount();
        await m.Mount.Completion.WaitAsync(Patience);
        Assert.False(m.IsMounted);
        Assert.Empty(Directory.GetFileSystemEntries(m.Path));
        m.Mount.Unmount();
    }

    [Fact]
    public async Task An_external_umount_ends_the_session()
    {
        using var m = TempMount.Create(new MiniFs(), new FuseMountOptions { AutoUnmount = false });
        Run.Ok("umount", m.Path);
        await m.Mount.Completion.WaitAsync(Patience);
        Assert.False(m.IsMounted);
    }

    [Fact]
    public async Task Unmount_with_a_file_open_and_a_read_pending_still_ends_cleanly()
    {
        var fs = new MiniFs();
        ulong slow = fs.AddFile("slow", MiniFs.Utf8("never"));
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var never = new TaskCompletionSource();
        fs.ReadGate = node =>
        {
            entered.TrySetResult();
            return never.Task; // only the session's cancellation ends it
        };
        using var m = TempMount.Create(fs);
        var reader = Task.Run(() => File.ReadAllText(m.PathOf("slow")));
        await entered.Task.WaitAsync(Patience);

        await Task.Run(m.Mount.Unmount).WaitAsync(Patience);

        Assert.True(m.Mount.Completion.IsCompleted);
        Assert.False(m.IsMounted);
        await Assert.ThrowsAnyAsync<IOException>(() => reader.WaitAsync(Patience));
    }

    [Fact]
    public async Task Disposing_after_the_session_ended_by_itself_is_harmless()
    {
        var m = TempMount.Create(new MiniFs(), new FuseMountOptions { AutoUnmount = false });
        Run.Ok("umount", "-l", m.Path);
        await m.Mount.Completion.WaitAsync(Patience);
        m.Dispose();
        Assert.False(Directory.Exists(m.Path));
    }
}
