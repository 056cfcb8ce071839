using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace GatewayFs.Fs.Windows.Native;

/// <summary>
/// FSP_FILE_SYSTEM_INTERFACE (winfsp/winfsp.h): 64 function pointers, in the header's order.
/// A null slot makes WinFsp answer STATUS_INVALID_DEVICE_REQUEST for that operation.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct FspFileSystemInterface
{
    public nint GetVolumeInfo;
    public nint SetVolumeLabel;
    public nint GetSecurityByName;
    public nint Create;
    public nint Open;
    public nint Overwrite;
    public nint Cleanup;
    public nint Close;
    public nint Read;
    public nint Write;
    public nint Flush;
    public nint GetFileInfo;
    public nint SetBasicInfo;
    public nint SetFileSize;
    public nint CanDelete;
    public nint Rename;
    public nint GetSecurity;
    public nint SetSecurity;
    public nint ReadDirectory;
    public nint ResolveReparsePoints;
    public nint GetReparsePoint;
    public nint SetReparsePoint;
    public nint DeleteReparsePoint;
    public nint GetStreamInfo;
    public nint GetDirInfoByName;
    public nint Control;
    public nint SetDelete;
    public nint CreateEx;
    public nint OverwriteEx;
    public nint GetEa;
    public nint SetEa;
    public nint Obsolete0;
    public ReservedSlots Reserved;

    /// <summary>The 32 reserved pointers that keep the interface at 64 entries.</summary>
    [InlineArray(32)]
    public struct ReservedSlots
    {
        private nint _slot;
    }
}
