using GatewayFs.Fs.Linux.Native;
using Microsoft.Extensions.Logging;

namespace GatewayFs.Fs.Linux;

/// <summary>
/// Starting a filesystem call and replying when it completes: synchronously when the ValueTask
/// is already done (no allocation), otherwise from its continuation. Every path sends exactly
/// one reply, and no exception leaves these methods.
/// </summary>
internal sealed partial class FuseSession
{
    /// <summary>Runs <paramref name="start"/> and replies through <paramref name="reply"/>.</summary>
    private void Run<TArgs, T, TState>(FuseRequest req, string op, TArgs args,
        Func<IFileSystem, TArgs, CancellationToken, ValueTask<T>> start, TState state, ReplyAction<T, TState> reply)
        where TState : IReplyState
    {
        ValueTask<T> task;
        try
        {
            task = start(_fs, args, RequestToken);
        }
        catch (Exception e)
        {
            RecycleRequestToken();
            ReplyFailure(req, ToErrno(e, op), state, op);
            return;
        }
        Complete(req, task, state, op, reply);
    }

    /// <summary>Runs a call without a result and replies success (errno 0).</summary>
    private void Run<TArgs>(FuseRequest req, string op, TArgs args, Func<IFileSystem, TArgs, CancellationToken, ValueTask> start)
    {
        ValueTask task;
        try
        {
            task = start(_fs, args, RequestToken);
        }
        catch (Exception e)
        {
            RecycleRequestToken();
            ReplyFailure(req, ToErrno(e, op), default(NoState), op);
            return;
        }
        if (!task.IsCompleted)
        {
            Complete(req, AsBool(task), default(NoState), op, static (r, _, _) => r.ReplyOk());
            return;
        }
        RecycleRequestToken();
        if (task.IsCompletedSuccessfully)
        {
            task.GetAwaiter().GetResult(); // lets a pooled IValueTaskSource recycle
            req.ReplyOk();
        }
        else
        {
            ReplyFailure(req, ErrnoOf(task.AsTask(), op), default(NoState), op);
        }
    }

    private static async ValueTask<bool> AsBool(ValueTask task)
    {
        await task.ConfigureAwait(false);
        return true;
    }

    private void Complete<T, TState>(FuseRequest req, ValueTask<T> task, TState state, string op, ReplyAction<T, TState> reply)
        where TState : IReplyState
    {
        if (task.IsCompleted)
        {
            RecycleRequestToken();
            Finish(req, task, state, op, reply);
            return;
        }
        EnterPending();
        if (Interruptible(op)) TrackInterrupts(req);
        else KeepUninterrupted();
        _ = FinishLater(req, task, state, op, reply);
    }

    private void Finish<T, TState>(FuseRequest req, ValueTask<T> task, TState state, string op, ReplyAction<T, TState> reply)
        where TState : IReplyState
    {
        // A failed call's exception is read from its task, not rethrown: errors such as
        // ENOENT or ENODATA are frequent, and a throw costs far more than the reply.
        if (task.IsCompletedSuccessfully) SendReply(req, task.Result, state, op, reply);
        else ReplyFailure(req, ErrnoOf(task.AsTask(), op), state, op);
    }

    private async Task FinishLater<T, TState>(FuseRequest req, ValueTask<T> task, TState state, string op, ReplyAction<T, TState> reply)
        where TState : IReplyState
    {
        try
        {
            Task<T> t = task.AsTask();
            await ((Task)t).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            UntrackInterrupts(req); // before the reply: afterwards the request's address may be reused
            if (t.IsCompletedSuccessfully) SendReply(req, t.Result, state, op, reply);
            else ReplyFailure(req, ErrnoOf(t, op), state, op);
        }
        finally
        {
            ExitPending();
        }
    }

    private void SendReply<T, TState>(FuseRequest req, T result, TState state, string op, ReplyAction<T, TState> reply)
        where TState : IReplyState
    {
        try
        {
            reply(req, result, state);
        }
        catch (Exception e)
        {
            // Reply helpers only fill structs and call libfuse; reaching here is a bug, and
            // whether a reply went out is unknown, so none is sent (a second one would be worse).
            _log.LogCritical(e, "replying to {Op} failed", op);
        }
        finally
        {
            ReleaseState(state, op);
        }
    }

    private void ReplyFailure<TState>(FuseRequest req, int errno, TState state, string op) where TState : IReplyState
    {
        try
        {
            req.ReplyError(errno);
        }
        finally
        {
            ReleaseState(state, op);
        }
    }

    private void ReleaseState<TState>(TState state, string op) where TState : IReplyState
    {
        try
        {
            state.Done(this);
        }
        catch (Exception e)
        {
            _log.LogCritical(e, "releasing the state of {Op} failed", op);
        }
    }

    /// <summary>The errno for a failed or canceled task.</summary>
    private int ErrnoOf(Task task, string op) =>
        task.Exception?.InnerException is { } e ? ToErrno(e, op) : Libc.EINTR;

    /// <summary>The one errno table: <see cref="FsError"/> values are errno numbers; anything else is EIO.</summary>
    internal int ToErrno(Exception e, string op)
    {
        switch (e)
        {
            case FsException fe:
                int errno = (int)fe.Error;
                if (errno is > 0 and < 1000)
                {
                    if (_log.IsEnabled(LogLevel.Debug)) _log.LogDebug("{Op}: {Error} ({Message})", op, fe.Error, fe.Message);
                    return errno;
                }
                _log.LogError(fe, "{Op} failed with FsError {Value}, which is not an errno; answering EIO", op, errno);
                return Libc.EIO;
            case OperationCanceledException:
                return Libc.EINTR;
            default:
                _log.LogError(e, "{Op} failed with an unexpected exception; answering EIO", op);
                return Libc.EIO;
        }
    }

    /// <summary>Last resort for a callback that failed before its operation could start: answer EIO.</summary>
    internal static void Escaped(nint req, Exception e, bool expectsReply = true)
    {
        try
        {
            (t_current?._log)?.LogCritical(e, "a FUSE callback failed before it could start its operation");
            if (expectsReply) Libfuse.fuse_reply_err(req, Libc.EIO);
            else Libfuse.fuse_reply_none(req);
        }
        catch
        {
            // Nothing may cross back into libfuse.
        }
    }
}
