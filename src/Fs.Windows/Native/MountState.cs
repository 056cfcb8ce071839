using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Microsoft.Extensions.Logging;

namespace GatewayFs.Fs.Windows.Native;

/// <summary>
/// Everything a callback needs, found through FSP_FILE_SYSTEM.UserContext: the operations,
/// the open file contexts (GC handles) and the bookkeeping of operations answered later.
/// </summary>
/// <remarks>
/// Lock order: <c>_sendLock</c> only. Late responses take it shared; deleting the WinFsp
/// file system takes it exclusively, so no response is ever sent to a deleted one.
/// </remarks>
[SupportedOSPlatform("windows")]
internal sealed unsafe class MountState(WinFspOperations ops, WinFspMountOptions options)
{
    private readonly ReaderWriterLockSlim _sendLock = new();
    private readonly CancellationTokenSource _cts = new();
    private readonly ConcurrentDictionary<nint, byte> _files = new();
    private bool _deleted;
    private int _pending;

    public WinFspOperations Ops { get; } = ops;
    public byte[] SecurityDescriptor { get; } = options.SecurityDescriptor;
    public ILogger Log { get; } = options.Logger;
    public string VolumeLabel { get; } = options.VolumeLabel;
    public CancellationToken Ct => _cts.Token;

    /// <summary>The FSP_FILE_SYSTEM pointer, set once it exists.</summary>
    public nint FileSystem { get; set; }

    /// <summary>A new file context for WinFsp (freed by <see cref="FreeFile"/> or at unmount).</summary>
    public nint AddFile(WinFile file)
    {
        nint ctx = GCHandle.ToIntPtr(GCHandle.Alloc(file));
        _files[ctx] = 0;
        return ctx;
    }

    public static WinFile FileOf(nint ctx) => (WinFile)GCHandle.FromIntPtr(ctx).Target!;

    public void FreeFile(nint ctx)
    {
        if (_files.TryRemove(ctx, out _)) GCHandle.FromIntPtr(ctx).Free();
    }

    public void BeginPending() => Interlocked.Increment(ref _pending);

    /// <summary>Answers an operation that returned STATUS_PENDING, unless the mount is gone.</summary>
    public void SendLate(FspTransactRsp* response)
    {
        try
        {
            _sendLock.EnterReadLock();
            try
            {
                if (!_deleted) WinFspApi.FspFileSystemSendResponse(FileSystem, response);
            }
            finally
            {
                _sendLock.ExitReadLock();
            }
        }
        finally
        {
            Interlocked.Decrement(ref _pending);
        }
    }

    /// <summary>
    /// Stops new work and waits for operations still in flight: their buffers belong to the
    /// WinFsp volume, which must outlive them. Cancellation makes a well-behaved filesystem
    /// finish quickly; a stuck one is reported every ten seconds rather than abandoned.
    /// </summary>
    public void CancelAndDrain()
    {
        _cts.Cancel();
        var sw = System.Diagnostics.Stopwatch.StartNew();
        while (Volatile.Read(ref _pending) > 0)
        {
            Thread.Sleep(10);
            if (sw.Elapsed >= TimeSpan.FromSeconds(10))
            {
                Log.LogWarning("unmount waits for {Count} WinFsp operations still running in the filesystem", Volatile.Read(ref _pending));
                sw.Restart();
            }
        }
    }

    /// <summary>Deletes the WinFsp file system and frees every file context left open.</summary>
    public void Delete()
    {
        _sendLock.EnterWriteLock();
        try
        {
            _deleted = true;
            WinFspApi.FspFileSystemDelete(FileSystem);
        }
        finally
        {
            _sendLock.ExitWriteLock();
        }
        foreach (var ctx in _files.Keys) FreeFile(ctx);
        _cts.Dispose();
    }
}
