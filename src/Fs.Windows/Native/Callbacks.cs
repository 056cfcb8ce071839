using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Microsoft.Extensions.Logging;

namespace GatewayFs.Fs.Windows.Native;

/// <summary>
/// The FSP_FILE_SYSTEM_INTERFACE entries: each one marshals its pointers, calls
/// <see cref="WinFspOperations"/>, and catches everything, so no exception ever reaches WinFsp.
/// </summary>
/// <remarks>
/// WinFsp lets only Read, Write and ReadDirectory answer STATUS_PENDING. Those start the
/// operation and, if it has not already finished, answer later with FspFileSystemSendResponse.
/// Every other callback must return its result, so its dispatcher thread waits for the
/// operation (WinFsp runs several dispatcher threads for this reason).
/// </remarks>
[SupportedOSPlatform("windows")]
internal static unsafe partial class Callbacks
{
    /// <summary>Fills the interface with this class's entries; unsupported ones stay null.</summary>
    public static void Fill(FspFileSystemInterface* i)
    {
        i->GetVolumeInfo = (nint)(delegate* unmanaged[Cdecl]<nint, FspVolumeInfo*, int>)&GetVolumeInfo;
        i->GetSecurityByName = (nint)(delegate* unmanaged[Cdecl]<nint, char*, uint*, void*, nuint*, int>)&GetSecurityByName;
        i->Create = (nint)(delegate* unmanaged[Cdecl]<nint, char*, uint, uint, uint, void*, ulong, nint*, FspFileInfo*, int>)&Create;
        i->Open = (nint)(delegate* unmanaged[Cdecl]<nint, char*, uint, uint, nint*, FspFileInfo*, int>)&Open;
        i->Overwrite = (nint)(delegate* unmanaged[Cdecl]<nint, nint, uint, byte, ulong, FspFileInfo*, int>)&Overwrite;
        i->Cleanup = (nint)(delegate* unmanaged[Cdecl]<nint, nint, char*, uint, void>)&Cleanup;
        i->Close = (nint)(delegate* unmanaged[Cdecl]<nint, nint, void>)&Close;
        i->Read = (nint)(delegate* unmanaged[Cdecl]<nint, nint, void*, ulong, uint, uint*, int>)&Read;
        i->Write = (nint)(delegate* unmanaged[Cdecl]<nint, nint, void*, ulong, uint, byte, byte, uint*, FspFileInfo*, int>)&Write;
        i->Flush = (nint)(delegate* unmanaged[Cdecl]<nint, nint, FspFileInfo*, int>)&Flush;
        i->GetFileInfo = (nint)(delegate* unmanaged[Cdecl]<nint, nint, FspFileInfo*, int>)&GetFileInfo;
        i->SetBasicInfo = (nint)(delegate* unmanaged[Cdecl]<nint, nint, uint, ulong, ulong, ulong, ulong, FspFileInfo*, int>)&SetBasicInfo;
        i->SetFileSize = (nint)(delegate* unmanaged[Cdecl]<nint, nint, ulong, byte, FspFileInfo*, int>)&SetFileSize;
        i->CanDelete = (nint)(delegate* unmanaged[Cdecl]<nint, nint, char*, int>)&CanDelete;
        i->Rename = (nint)(delegate* unmanaged[Cdecl]<nint, nint, char*, char*, byte, int>)&Rename;
        i->GetSecurity = (nint)(delegate* unmanaged[Cdecl]<nint, nint, void*, nuint*, int>)&GetSecurity;
        i->SetSecurity = (nint)(delegate* unmanaged[Cdecl]<nint, nint, uint, void*, int>)&SetSecurity;
        i->ReadDirectory = (nint)(delegate* unmanaged[Cdecl]<nint, nint, char*, char*, void*, uint, uint*, int>)&ReadDirectory;
        i->ResolveReparsePoints = (nint)(delegate* unmanaged[Cdecl]<nint, char*, uint, byte, void*, void*, nuint*, int>)&ResolveReparsePoints;
        i->GetReparsePoint = (nint)(delegate* unmanaged[Cdecl]<nint, nint, char*, void*, nuint*, int>)&GetReparsePoint;
    }

    private static MountState StateOf(nint fs) =>
        (MountState)GCHandle.FromIntPtr(((FspFileSystemHeader*)fs)->UserContext).Target!;

    /// <summary>Waits for an operation that WinFsp requires to answer synchronously.</summary>
    private static T Wait<T>(ValueTask<T> op) => op.IsCompletedSuccessfully ? op.Result : op.AsTask().GetAwaiter().GetResult();

    private static void Wait(ValueTask op)
    {
        if (!op.IsCompletedSuccessfully) op.AsTask().GetAwaiter().GetResult();
    }

    private static string? Str(char* p) => p == null ? null : new string(p);

    /// <summary>The answer to an exception that escaped the operation layer (a bug): logged, never rethrown.</summary>
    private static int Fault(nint fs, Exception ex, [CallerMemberName] string op = "")
    {
        try
        {
            StateOf(fs).Log.LogError(ex, "WinFsp {Op} failed unexpectedly; answering STATUS_IO_DEVICE_ERROR", op);
        }
        catch
        {
            // The state itself is unreachable; there is nowhere left to report to.
        }
        return NtStatus.IoDeviceError;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int GetVolumeInfo(nint fs, FspVolumeInfo* info)
    {
        try
        {
            var s = StateOf(fs);
            var r = Wait(s.Ops.GetVolumeInfoAsync(s.Ct));
            if (r.Status != NtStatus.Success) return r.Status;
            info->TotalSize = r.TotalSize;
            info->FreeSize = r.FreeSize;
            // The label comes from the mount options; WinFsp caches it with the sizes.
            var label = s.VolumeLabel.AsSpan(0, Math.Min(32, s.VolumeLabel.Length));
            label.CopyTo(new Span<char>(info->VolumeLabel, 32));
            info->VolumeLabelLength = (ushort)(2 * label.Length);
            return NtStatus.Success;
        }
        catch (Exception ex)
        {
            return Fault(fs, ex);
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int GetSecurityByName(nint fs, char* fileName, uint* attributes, void* descriptor, nuint* descriptorSize)
    {
        try
        {
            var s = StateOf(fs);
            var r = Wait(s.Ops.GetSecurityByNameAsync(new string(fileName), s.Ct));
            if (attributes != null && (r.Status == NtStatus.Success || r.Status == NtStatus.Reparse))
                *attributes = r.AttributesOrReparseIndex;
            if (r.Status != NtStatus.Success) return r.Status;
            return CopySecurity(s.SecurityDescriptor, descriptor, descriptorSize);
        }
        catch (Exception ex)
        {
            return Fault(fs, ex);
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int GetSecurity(nint fs, nint ctx, void* descriptor, nuint* descriptorSize)
    {
        try
        {
            return CopySecurity(StateOf(fs).SecurityDescriptor, descriptor, descriptorSize);
        }
        catch (Exception ex)
        {
            return Fault(fs, ex);
        }
    }

    /// <summary>ACLs are not stored (see <see cref="SecurityDescriptors"/>): a change is refused, not dropped.</summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int SetSecurity(nint fs, nint ctx, uint securityInformation, void* modification) => NtStatus.NotSupported;

    /// <summary>Copies the descriptor when it fits; reports the size needed either way.</summary>
    private static int CopySecurity(byte[] sd, void* dest, nuint* size)
    {
        if (size == null) return NtStatus.Success;
        nuint room = *size;
        *size = (nuint)sd.Length;
        if ((nuint)sd.Length > room) return NtStatus.BufferOverflow;
        if (dest != null) sd.CopyTo(new Span<byte>(dest, sd.Length));
        return NtStatus.Success;
    }
}
