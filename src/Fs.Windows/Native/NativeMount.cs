using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace GatewayFs.Fs.Windows.Native;

/// <summary>One live WinFsp file system: created, mounted and dispatching until <see cref="Stop"/>.</summary>
[SupportedOSPlatform("windows")]
internal sealed unsafe class NativeMount
{
    private readonly MountState _state;
    private readonly GCHandle _stateHandle;
    private readonly FspFileSystemInterface* _interface;
    private int _stopped;

    private NativeMount(MountState state, GCHandle stateHandle, FspFileSystemInterface* fsInterface)
    {
        _state = state;
        _stateHandle = stateHandle;
        _interface = fsInterface;
    }

    /// <summary>Creates the volume, mounts it at <paramref name="mountPoint"/> (null: next free letter) and starts dispatching.</summary>
    public static NativeMount Start(IFileSystem fs, string? mountPoint, WinFspMountOptions options)
    {
        WinFspLibrary.EnsureLoaded();
        if (mountPoint is { Length: > 2 } && (Directory.Exists(mountPoint) || File.Exists(mountPoint)))
            throw new WinFspMountException($"{mountPoint} already exists: WinFsp mounts on a directory path that does not exist yet (it creates it)");
        var state = new MountState(new WinFspOperations(fs, options), options);
        var volume = VolumeParamsBuilder.Build(fs.Info, options, FsTime.Now);
        var fsInterface = (FspFileSystemInterface*)NativeMemory.AllocZeroed((nuint)sizeof(FspFileSystemInterface));
        Callbacks.Fill(fsInterface);
        nint fileSystem;
        int status;
        fixed (char* device = "WinFsp.Disk")
            status = WinFspApi.FspFileSystemCreate(device, &volume, fsInterface, &fileSystem);
        if (!NtStatus.IsSuccess(status))
        {
            NativeMemory.Free(fsInterface);
            throw new WinFspMountException($"WinFsp could not create the volume (NTSTATUS 0x{status:X8}): check that the WinFsp driver is running");
        }
        var handle = GCHandle.Alloc(state);
        ((FspFileSystemHeader*)fileSystem)->UserContext = GCHandle.ToIntPtr(handle);
        state.FileSystem = fileSystem;
        var mount = new NativeMount(state, handle, fsInterface);
        try
        {
            fixed (char* mp = mountPoint)
                status = WinFspApi.FspFileSystemSetMountPoint(fileSystem, mp);
            if (!NtStatus.IsSuccess(status))
                throw new WinFspMountException($"WinFsp could not mount at {mountPoint ?? "the next free drive letter"} (NTSTATUS 0x{status:X8}): the drive letter may be in use");
            status = WinFspApi.FspFileSystemStartDispatcher(fileSystem, options.ThreadCount);
            if (!NtStatus.IsSuccess(status))
                throw new WinFspMountException($"WinFsp could not start its dispatcher (NTSTATUS 0x{status:X8})");
        }
        catch
        {
            mount.Stop();
            throw;
        }
        return mount;
    }

    /// <summary>
    /// Stops dispatching, waits for operations in flight, removes the mount point and frees
    /// everything. Idempotent.
    /// </summary>
    public void Stop()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0) return;
        WinFspApi.FspFileSystemStopDispatcher(_state.FileSystem);
        _state.CancelAndDrain();
        _state.Delete();
        _stateHandle.Free();
        NativeMemory.Free(_interface);
    }
}
