namespace GatewayFs.Fs;

/// <summary>
/// The one error vocabulary of every filesystem in gatewayfs. The numeric values are the
/// Linux errno numbers, so this enum is also the errno table: the FUSE adapter sends
/// <c>(int)error</c>, and the Windows adapter keeps its own NTSTATUS table keyed by it.
/// </summary>
public enum FsError
{
    /// <summary>Operation not permitted (EPERM).</summary>
    NotPermitted = 1,
    /// <summary>No such file or directory (ENOENT).</summary>
    NotFound = 2,
    /// <summary>Input/output error (EIO): the backend failed or timed out.</summary>
    Io = 5,
    /// <summary>Bad file handle (EBADF).</summary>
    BadHandle = 9,
    /// <summary>Resource temporarily unavailable (EAGAIN).</summary>
    TryAgain = 11,
    /// <summary>Out of memory (ENOMEM).</summary>
    OutOfMemory = 12,
    /// <summary>Permission denied (EACCES).</summary>
    AccessDenied = 13,
    /// <summary>Device or resource busy (EBUSY).</summary>
    Busy = 16,
    /// <summary>File exists (EEXIST).</summary>
    Exists = 17,
    /// <summary>Cross-device link (EXDEV).</summary>
    CrossDevice = 18,
    /// <summary>Not a directory (ENOTDIR).</summary>
    NotDirectory = 20,
    /// <summary>Is a directory (EISDIR).</summary>
    IsDirectory = 21,
    /// <summary>Invalid argument (EINVAL).</summary>
    InvalidArgument = 22,
    /// <summary>File too large (EFBIG).</summary>
    FileTooLarge = 27,
    /// <summary>No space left on device (ENOSPC): journal, tape or disk is full.</summary>
    NoSpace = 28,
    /// <summary>Read-only file system (EROFS).</summary>
    ReadOnly = 30,
    /// <summary>Too many links (EMLINK).</summary>
    TooManyLinks = 31,
    /// <summary>Result out of range (ERANGE): an xattr buffer is too small.</summary>
    Range = 34,
    /// <summary>File name too long (ENAMETOOLONG).</summary>
    NameTooLong = 36,
    /// <summary>Function not implemented (ENOSYS).</summary>
    NotImplemented = 38,
    /// <summary>Directory not empty (ENOTEMPTY).</summary>
    NotEmpty = 39,
    /// <summary>Too many levels of symbolic links (ELOOP).</summary>
    Loop = 40,
    /// <summary>No data available (ENODATA, ENOATTR): the xattr does not exist.</summary>
    NoData = 61,
    /// <summary>Value too large for defined data type (EOVERFLOW).</summary>
    Overflow = 75,
    /// <summary>Invalid or incomplete multibyte character (EILSEQ): a name that is not valid UTF-8.</summary>
    IllegalByteSequence = 84,
    /// <summary>Operation not supported (EOPNOTSUPP): e.g. hard links on a cached volume.</summary>
    NotSupported = 95,
    /// <summary>Connection timed out (ETIMEDOUT).</summary>
    TimedOut = 110,
    /// <summary>Stale file handle (ESTALE): the object changed or vanished remotely.</summary>
    Stale = 116,
    /// <summary>Disk quota exceeded (EDQUOT).</summary>
    QuotaExceeded = 122,
    /// <summary>Operation canceled (ECANCELED).</summary>
    Canceled = 125,
}
