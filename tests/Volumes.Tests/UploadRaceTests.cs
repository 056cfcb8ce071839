using GatewayFs.Tests.Volumes.Support;
using GatewayFs.TestKit.S3;
using Xunit;

namespace GatewayFs.Tests.Volumes;

/// <summary>
/// Changes that meet an upload at its end: the upload leaves the file clean and drops its local
/// state while the change waits for it. Found by <see cref="RandomOperationTests"/> (seed 2).
/// </summary>
[Collection(S3rverCollection.Name)]
public sealed class UploadRaceTests : InProcessTestBase
{
    public UploadRaceTests(S3rverFixture s3) : base(s3) { }

    // A file three times the block cache: its upload's cached copy cannot serve all of it later,
    // so a base object under a key that no longer exists shows as reads that fail.
    protected override GatewayFs.Volumes.CachedVolumeOptions Configure(GatewayFs.Volumes.CachedVolumeOptions o) =>
        o with { BlockSize = 64 << 10, CacheSizeBytes = 4L << 20, WriteBackDelay = TimeSpan.FromMilliseconds(50) };

    [Fact]
    public async Task A_rename_that_waits_for_a_landed_upload_moves_what_the_store_holds()
    {
        var content = Bytes.Random(12 << 20, 11);
        var landed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var answer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        V.Store.AfterPut = async (key, _) =>
        {
            if (key != Prefix + "a" || !landed.TrySetResult()) return;
            await answer.Task;
        };
        Task? rename = null;
        try
        {
            await Fs.WriteFileAsync("a", content);
            await landed.Task.WaitAsync(TimeSpan.FromMinutes(1));
            // The PUT is in the store but not answered: the rename has to wait for it (a started
            // write is never cut off), and by the time it goes on the upload has left the file clean.
            rename = Fs.RenameAsync("a", "b");
            await Task.Delay(300); // lets the rename reach that wait (if it is slower, the test proves less, it does not fail)
        }
        finally
        {
            answer.TrySetResult();
            V.Store.AfterPut = null;
        }
        await rename;

        var patch = Bytes.Random(1000, 12);
        await Fs.WriteAtAsync("b", 5 << 20, patch);
        patch.CopyTo(content, 5 << 20);
        await V.FlushAsync();
        Assert.Null(await Raw.GetAsync(Prefix + "a"));
        await RestartAsync(keepCache: false);
        byte[] read = await Fs.ReadFileAsync("b"), stored = await Raw.GetAsync(Prefix + "b") ?? [];
        Assert.True(content.SequenceEqual(read), "b differs after a cold restart");
        Assert.True(content.SequenceEqual(stored), "the object of b differs");
        Assert.Null(await Raw.GetAsync(Prefix + "a"));
    }

    [Fact]
    public async Task An_upload_cut_off_by_a_restart_after_its_PUT_landed_completes_after_replay()
    {
        var content = Bytes.Random(12 << 20, 21);
        await Fs.WriteFileAsync("c", content);
        await V.FlushAsync();
        var landed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        V.Store.AfterPut = async (key, ct) =>
        {
            if (key == Prefix + "c" && landed.TrySetResult()) await Task.Delay(Timeout.Infinite, ct);
        };
        var patch = Bytes.Random(1000, 22);
        await Fs.WriteAtAsync("c", 1 << 20, patch);
        patch.CopyTo(content, 1 << 20);
        await landed.Task.WaitAsync(TimeSpan.FromMinutes(1));
        // The store holds the new version, but the volume never heard so: replay starts from the
        // journal, whose newest snapshot names the version before.
        await RestartAsync(keepCache: true);
        await V.FlushAsync();
        await RestartAsync(keepCache: false);
        byte[] read = await Fs.ReadFileAsync("c"), stored = await Raw.GetAsync(Prefix + "c") ?? [];
        Assert.True(content.SequenceEqual(read), "c differs after replay and a cold restart");
        Assert.True(content.SequenceEqual(stored), "the object of c differs");
    }
}
