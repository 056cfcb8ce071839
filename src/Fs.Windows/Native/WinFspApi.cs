using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace GatewayFs.Fs.Windows.Native;

/// <summary>
/// The WinFsp DLL functions the adapter calls. The library name is resolved by
/// <see cref="WinFspLibrary"/> to the DLL in WinFsp's install directory.
/// </summary>
internal static unsafe partial class WinFspApi
{
    [LibraryImport(WinFspLibrary.Name)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int FspFileSystemCreate(char* devicePath, FspVolumeParams* volumeParams,
        FspFileSystemInterface* fsInterface, nint* fileSystem);

    [LibraryImport(WinFspLibrary.Name)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial void FspFileSystemDelete(nint fileSystem);

    [LibraryImport(WinFspLibrary.Name)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int FspFileSystemSetMountPoint(nint fileSystem, char* mountPoint);

    [LibraryImport(WinFspLibrary.Name)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int FspFileSystemStartDispatcher(nint fileSystem, uint threadCount);

    [LibraryImport(WinFspLibrary.Name)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial void FspFileSystemStopDispatcher(nint fileSystem);

    [LibraryImport(WinFspLibrary.Name)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial void FspFileSystemSendResponse(nint fileSystem, FspTransactRsp* response);

    [LibraryImport(WinFspLibrary.Name)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial FspOperationContext* FspFileSystemGetOperationContext();

    [LibraryImport(WinFspLibrary.Name)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial byte FspFileSystemAddDirInfo(FspDirInfo* dirInfo, void* buffer, uint length, uint* bytesTransferred);

    [LibraryImport(WinFspLibrary.Name)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int FspFileSystemResolveReparsePoints(nint fileSystem,
        delegate* unmanaged[Cdecl]<nint, void*, char*, byte, void*, nuint*, int> getReparsePointByName,
        void* context, char* fileName, uint reparsePointIndex, byte resolveLastPathComponent,
        void* ioStatus, void* buffer, nuint* size);
}
