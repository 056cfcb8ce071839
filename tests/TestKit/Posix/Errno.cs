using System.Runtime.InteropServices;
using GatewayFs.Fs;

namespace GatewayFs.TestKit.Posix;

/// <summary>Turns a failed libc call into the <see cref="FsException"/> the tests expect (FsError values are errnos).</summary>
public static class Errno
{
    /// <summary>The errno of the last libc call as an exception naming the call and path.</summary>
    public static FsException Last(string call, string path)
    {
        int errno = Marshal.GetLastPInvokeError();
        return new FsException((FsError)errno, $"{call}({path}): {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})");
    }

    /// <summary>Throws <see cref="Last"/> when <paramref name="result"/> is negative; returns it otherwise.</summary>
    public static long Check(long result, string call, string path) =>
        result < 0 ? throw Last(call, path) : result;
}
