using GatewayFs.Fs;
using GatewayFs.Fs.Windows;
using GatewayFs.TestKit.InMemory;

namespace GatewayFs.Tests.Fs.Windows;

/// <summary>Failures of the filesystem become statuses; nothing escapes towards native code.</summary>
public class FaultTests
{
    [Fact]
    public async Task Filesystem_errors_and_bugs_become_statuses()
    {
        var fs = new FaultyFileSystem();
        var ops = new WinFspOperations(fs, new WinFspMountOptions());
        var ct = CancellationToken.None;

        fs.Fault = new FsException(FsError.NoSpace, "journal full");
        Assert.Equal(NtStatus.DiskFull, (await ops.CreateAsync(@"\x", 0, 3, 0, ct)).Status);
        Assert.Equal(NtStatus.DiskFull, (await ops.GetVolumeInfoAsync(ct)).Status);

        fs.Fault = new InvalidOperationException("a bug");
        Assert.Equal(NtStatus.IoDeviceError, (await ops.GetSecurityByNameAsync(@"\x\y", ct)).Status);
        Assert.Equal(NtStatus.IoDeviceError, await ops.RenameAsync(@"\a", @"\b", false, ct));

        fs.Fault = new OperationCanceledException();
        Assert.Equal(NtStatus.Cancelled, (await ops.OpenAsync(@"\x", 0, 1, ct)).Status);

        // Cleanup and Close cannot report: they log and return normally.
        fs.Fault = new FsException(FsError.Io, "upload failed");
        var file = new WinFile(5, heldLookup: false, 0x81A4) { Handle = 1, HasHandle = true };
        await ops.CleanupAsync(file, @"\x", 0x01, ct);
        await ops.CloseAsync(file, ct);
    }

    /// <summary>An in-memory filesystem whose lookups, statfs and creates fail with <see cref="Fault"/>.</summary>
    private sealed class FaultyFileSystem : IFileSystem
    {
        private readonly InMemoryFileSystem _inner = new();
        public Exception? Fault { get; set; }
        public FsInfo Info => _inner.Info;

        private ValueTask<T> Fail<T>() => ValueTask.FromException<T>(Fault!);
        private ValueTask Fail() => ValueTask.FromException(Fault!);

        public ValueTask<FsEntry?> LookupAsync(ulong parent, string name, CancellationToken ct) => Fail<FsEntry?>();
        public void Forget(ulong node, ulong count) => _inner.Forget(node, count);
        public ValueTask<AttrReply> GetAttrAsync(ulong node, ulong? handle, CancellationToken ct) => _inner.GetAttrAsync(node, handle, ct);
        public ValueTask<AttrReply> SetAttrAsync(ulong node, SetAttrRequest request, ulong? handle, FsCaller caller, CancellationToken ct) => Fail<AttrReply>();
        public ValueTask<string> ReadLinkAsync(ulong node, CancellationToken ct) => Fail<string>();
        public ValueTask<FsEntry> MkdirAsync(ulong parent, string name, uint mode, FsCaller caller, CancellationToken ct) => Fail<FsEntry>();
        public ValueTask<FsEntry> SymlinkAsync(ulong parent, string name, string target, FsCaller caller, CancellationToken ct) => Fail<FsEntry>();
        public ValueTask<FsEntry> LinkAsync(ulong node, ulong newParent, string newName, CancellationToken ct) => Fail<FsEntry>();
        public ValueTask UnlinkAsync(ulong parent, string name, CancellationToken ct) => Fail();
        public ValueTask RmdirAsync(ulong parent, string name, CancellationToken ct) => Fail();
        public ValueTask RenameAsync(ulong parent, string name, ulong newParent, string newName, RenameFlags flags, CancellationToken ct) => Fail();
        public ValueTask<OpenReply> OpenAsync(ulong node, OpenFlags flags, FsCaller caller, CancellationToken ct) => Fail<OpenReply>();
        public ValueTask<CreateReply> CreateAsync(ulong parent, string name, uint mode, OpenFlags flags, FsCaller caller, CancellationToken ct) => Fail<CreateReply>();
        public ValueTask<int> ReadAsync(ulong node, ulong handle, long offset, Memory<byte> buffer, CancellationToken ct) => Fail<int>();
        public ValueTask<int> WriteAsync(ulong node, ulong handle, long offset, ReadOnlyMemory<byte> data, CancellationToken ct) => Fail<int>();
        public ValueTask FlushAsync(ulong node, ulong handle, CancellationToken ct) => Fail();
        public ValueTask FsyncAsync(ulong node, ulong handle, bool dataOnly, CancellationToken ct) => Fail();
        public ValueTask ReleaseAsync(ulong node, ulong handle, CancellationToken ct) => Fail();
        public ValueTask<ulong> OpenDirAsync(ulong node, CancellationToken ct) => Fail<ulong>();
        public ValueTask ReadDirAsync(ulong node, ulong handle, long offset, IDirSink sink, CancellationToken ct) => Fail();
        public ValueTask ReleaseDirAsync(ulong node, ulong handle, CancellationToken ct) => Fail();
        public ValueTask<FsStats> StatFsAsync(ulong node, CancellationToken ct) => Fail<FsStats>();
        public ValueTask<int> GetXattrAsync(ulong node, string name, Memory<byte> buffer, CancellationToken ct) => Fail<int>();
        public ValueTask SetXattrAsync(ulong node, string name, ReadOnlyMemory<byte> value, XattrFlags flags, CancellationToken ct) => Fail();
        public ValueTask<IReadOnlyList<string>> ListXattrAsync(ulong node, CancellationToken ct) => Fail<IReadOnlyList<string>>();
        public ValueTask RemoveXattrAsync(ulong node, string name, CancellationToken ct) => Fail();
    }
}
