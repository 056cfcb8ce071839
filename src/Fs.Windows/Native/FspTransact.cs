using System.Runtime.InteropServices;

namespace GatewayFs.Fs.Windows.Native;

/// <summary>The head of FSP_FSCTL_TRANSACT_REQ: all the adapter reads of a request (to answer it later).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct FspTransactReqHeader
{
    public ushort Version;
    public ushort Size;
    public uint Kind;
    public ulong Hint;
}

/// <summary>
/// FSP_FSCTL_TRANSACT_RSP (winfsp/fsctl.h, 128 bytes): the response sent with
/// FspFileSystemSendResponse for an operation that answered STATUS_PENDING.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 128)]
internal struct FspTransactRsp
{
    [FieldOffset(0)] public ushort Version;
    [FieldOffset(2)] public ushort Size;
    [FieldOffset(4)] public uint Kind;
    [FieldOffset(8)] public ulong Hint;
    [FieldOffset(16)] public uint Information;
    [FieldOffset(20)] public int Status;
    /// <summary>Rsp.Write.FileInfo: the start of the Rsp union.</summary>
    [FieldOffset(24)] public FspFileInfo WriteFileInfo;
}

/// <summary>FSP_FILE_SYSTEM_OPERATION_CONTEXT: the request and response of the operation on this thread.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct FspOperationContext
{
    public FspTransactReqHeader* Request;
    public FspTransactRsp* Response;
}

/// <summary>The FspFsctlTransact*Kind values of the operations that may complete later.</summary>
internal static class TransactKind
{
    public const uint Read = 5;
    public const uint Write = 6;
    public const uint QueryDirectory = 14;
}

/// <summary>
/// The head of FSP_FILE_SYSTEM (winfsp/winfsp.h): only <see cref="UserContext"/> is used,
/// to find the mount from the FileSystem pointer every callback receives.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct FspFileSystemHeader
{
    public ushort Version;
    public nint UserContext;
}
