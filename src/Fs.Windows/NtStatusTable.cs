namespace GatewayFs.Fs.Windows;

/// <summary>
/// The adapter's one error table: every <see cref="FsError"/> (a Linux errno) to the NTSTATUS
/// a Windows program sees. Path-specific refinements (name vs path not found) are made by the
/// path walk, not here.
/// </summary>
public static class NtStatusTable
{
    /// <summary>The NTSTATUS for <paramref name="error"/>; unknown values answer STATUS_IO_DEVICE_ERROR.</summary>
    public static int FromError(FsError error) => TryMap(error, out int status) ? status : NtStatus.IoDeviceError;

    /// <summary>True when <paramref name="error"/> has its own entry in the table.</summary>
    public static bool TryMap(FsError error, out int status)
    {
        status = error switch
        {
            FsError.NotPermitted => NtStatus.AccessDenied,
            FsError.NotFound => NtStatus.ObjectNameNotFound,
            FsError.Io => NtStatus.IoDeviceError,
            FsError.BadHandle => NtStatus.InvalidHandle,
            FsError.TryAgain => NtStatus.Retry,
            FsError.OutOfMemory => NtStatus.InsufficientResources,
            FsError.AccessDenied => NtStatus.AccessDenied,
            FsError.Busy => NtStatus.DeviceBusy,
            FsError.Exists => NtStatus.ObjectNameCollision,
            FsError.CrossDevice => NtStatus.NotSameDevice,
            FsError.NotDirectory => NtStatus.NotADirectory,
            FsError.IsDirectory => NtStatus.FileIsADirectory,
            FsError.InvalidArgument => NtStatus.InvalidParameter,
            FsError.FileTooLarge => NtStatus.FileTooLarge,
            FsError.NoSpace => NtStatus.DiskFull,
            FsError.ReadOnly => NtStatus.MediaWriteProtected,
            FsError.TooManyLinks => NtStatus.TooManyLinks,
            FsError.Range => NtStatus.BufferTooSmall,
            FsError.NameTooLong => NtStatus.NameTooLong,
            FsError.NotImplemented => NtStatus.NotImplemented,
            FsError.NotEmpty => NtStatus.DirectoryNotEmpty,
            FsError.Loop => NtStatus.ReparsePointNotResolved,
            FsError.NoData => NtStatus.NoEasOnFile,
            FsError.Overflow => NtStatus.IntegerOverflow,
            FsError.IllegalByteSequence => NtStatus.ObjectNameInvalid,
            FsError.NotSupported => NtStatus.NotSupported,
            FsError.TimedOut => NtStatus.IoTimeout,
            FsError.Stale => NtStatus.FileInvalid,
            FsError.QuotaExceeded => NtStatus.DiskQuotaExceeded,
            FsError.Canceled => NtStatus.Cancelled,
            _ => 0,
        };
        return status != 0;
    }
}
