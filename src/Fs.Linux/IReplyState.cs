namespace GatewayFs.Fs.Linux;

/// <summary>What an operation holds until its reply is sent (a buffer, a sink); released exactly once.</summary>
internal interface IReplyState
{
    /// <summary>Called after the reply (or the error reply) went out.</summary>
    void Done(FuseSession session);
}
