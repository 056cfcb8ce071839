using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Extensions.Logging;

namespace GatewayFs.Fs.Linux.Native;

/// <summary>
/// Routes libfuse's own messages (fuse_log) into an <see cref="ILogger"/>, and lets the mounting
/// thread capture them so a failed mount can say what libfuse said. The hook is process-wide.
/// </summary>
internal static unsafe class FuseLog
{
    private static int s_installed;
    private static volatile ILogger? s_logger;

    [ThreadStatic] private static List<string>? t_capture;

    /// <summary>Where messages go from now on (the most recent mount's logger; null means stderr).</summary>
    public static void Install(ILogger? logger)
    {
        if (logger is not null) s_logger = logger;
        if (Interlocked.Exchange(ref s_installed, 1) == 0)
            Libfuse.fuse_set_log_func(&Log);
    }

    /// <summary>Starts collecting this thread's libfuse messages.</summary>
    public static void BeginCapture() => t_capture = [];

    /// <summary>Stops collecting and returns the messages as one line ("" when none).</summary>
    public static string EndCapture()
    {
        var lines = t_capture;
        t_capture = null;
        return lines is null ? "" : string.Join("; ", lines);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Log(int level, byte* format, nint args)
    {
        try
        {
            const int size = 1024;
            byte* buf = stackalloc byte[size];
            int n = Libc.vsnprintf(buf, size, format, args);
            if (n < 0) return;
            string text = Encoding.UTF8.GetString(buf, Math.Min(n, size - 1)).TrimEnd('\n', ' ');
            if (text.Length == 0) return;
            t_capture?.Add(text);
            var logger = s_logger;
            if (logger is null) { Console.Error.WriteLine(text); return; }
            logger.Log(ToLevel(level), "libfuse: {Message}", text);
        }
        catch
        {
            // Logging must never take the process down from a native callback.
        }
    }

    // enum fuse_log_level: EMERG 0, ALERT 1, CRIT 2, ERR 3, WARNING 4, NOTICE 5, INFO 6, DEBUG 7.
    private static LogLevel ToLevel(int level) => level switch
    {
        <= 2 => LogLevel.Critical,
        3 => LogLevel.Error,
        4 => LogLevel.Warning,
        5 or 6 => LogLevel.Information,
        _ => LogLevel.Debug,
    };
}
