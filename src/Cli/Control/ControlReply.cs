using GatewayFs.Volumes;

namespace GatewayFs.Cli.Control;

/// <summary>
/// One reply line from a daemon. A flush or unmount sends any number of <c>progress</c> lines, then
/// one <c>done</c> or <c>error</c>; status sends one <c>status</c> line.
/// </summary>
internal sealed record ControlReply(string Type)
{
    public const string ProgressType = "progress";
    public const string StatusType = "status";
    public const string DoneType = "done";
    public const string ErrorType = "error";

    /// <summary>progress: what is left to upload.</summary>
    public FlushProgress? Progress { get; init; }

    /// <summary>status, done: the mount's state.</summary>
    public MountStatus? Status { get; init; }

    /// <summary>done, error: one line for the user.</summary>
    public string? Message { get; init; }

    public static ControlReply ForProgress(FlushProgress p) => new(ProgressType) { Progress = p };
    public static ControlReply ForStatus(MountStatus s) => new(StatusType) { Status = s };
    public static ControlReply Done(string message, MountStatus? status = null) => new(DoneType) { Message = message, Status = status };
    public static ControlReply Error(string message, MountStatus? status = null) => new(ErrorType) { Message = message, Status = status };
}
