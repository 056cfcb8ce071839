namespace GatewayFs.Fs.Windows;

/// <summary>The NTSTATUS values the adapter answers with (ntstatus.h numbers).</summary>
internal static class NtStatus
{
    public const int Success = 0;
    public const int Pending = 0x00000103;
    public const int Reparse = 0x00000104;
    public const int BufferOverflow = unchecked((int)0x80000005);
    public const int NoMoreFiles = unchecked((int)0x80000006);
    public const int DeviceBusy = unchecked((int)0x80000011);
    public const int NotImplemented = unchecked((int)0xC0000002);
    public const int InvalidHandle = unchecked((int)0xC0000008);
    public const int InvalidParameter = unchecked((int)0xC000000D);
    public const int EndOfFile = unchecked((int)0xC0000011);
    public const int InvalidDeviceRequest = unchecked((int)0xC0000010);
    public const int AccessDenied = unchecked((int)0xC0000022);
    public const int BufferTooSmall = unchecked((int)0xC0000023);
    public const int ObjectNameInvalid = unchecked((int)0xC0000033);
    public const int ObjectNameNotFound = unchecked((int)0xC0000034);
    public const int ObjectNameCollision = unchecked((int)0xC0000035);
    public const int ObjectPathNotFound = unchecked((int)0xC000003A);
    public const int NoEasOnFile = unchecked((int)0xC0000052);
    public const int DiskFull = unchecked((int)0xC000007F);
    public const int IntegerOverflow = unchecked((int)0xC0000095);
    public const int FileInvalid = unchecked((int)0xC0000098);
    public const int InsufficientResources = unchecked((int)0xC000009A);
    public const int MediaWriteProtected = unchecked((int)0xC00000A2);
    public const int IoTimeout = unchecked((int)0xC00000B5);
    public const int FileIsADirectory = unchecked((int)0xC00000BA);
    public const int NotSupported = unchecked((int)0xC00000BB);
    public const int NotSameDevice = unchecked((int)0xC00000D4);
    public const int DirectoryNotEmpty = unchecked((int)0xC0000101);
    public const int NotADirectory = unchecked((int)0xC0000103);
    public const int NameTooLong = unchecked((int)0xC0000106);
    public const int Cancelled = unchecked((int)0xC0000120);
    public const int IoDeviceError = unchecked((int)0xC0000185);
    public const int Retry = unchecked((int)0xC000022D);
    public const int TooManyLinks = unchecked((int)0xC0000265);
    public const int NotAReparsePoint = unchecked((int)0xC0000275);
    public const int ReparsePointNotResolved = unchecked((int)0xC0000280);
    public const int DiskQuotaExceeded = unchecked((int)0xC0000802);
    public const int FileTooLarge = unchecked((int)0xC0000904);

    /// <summary>NT_SUCCESS: success, informational and warning-free statuses are non-negative.</summary>
    public static bool IsSuccess(int status) => status >= 0;
}
