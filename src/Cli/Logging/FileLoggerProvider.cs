using System.Globalization;
using System.Text;
using GatewayFs.Cli.Native;
using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;

namespace GatewayFs.Cli.Logging;

/// <summary>
/// Appends one line per log event to the mount's log file. Lines are written under a lock and
/// flushed at once, so the file is complete when the daemon dies and readable while it runs.
/// </summary>
internal sealed class FileLoggerProvider : ILoggerProvider
{
    private const long RotateBytes = 16L << 20;
    private readonly StreamWriter _writer;
    private readonly Lock _lock = new();
    private readonly LogLevel _minimum;

    public FileLoggerProvider(string path, LogLevel minimum)
    {
        _minimum = minimum;
        // O_APPEND (which FileMode.Append is not): the daemon's stdout and stderr point at this file too,
        // and every write must land at the end, not at a position this stream remembers.
        var fd = Libc.open(path, Libc.O_WRONLY | Libc.O_CREAT | Libc.O_APPEND | Libc.O_CLOEXEC, Convert.ToInt32("600", 8));
        if (fd < 0) throw new CliError($"cannot open the log file {path}: {Libc.LastErrorText()}; check --cache-dir");
        var stream = new FileStream(new SafeFileHandle(fd, ownsHandle: true), FileAccess.Write, bufferSize: 0);
        _writer = new StreamWriter(stream, new UTF8Encoding(false)) { AutoFlush = true };
    }

    /// <summary>Moves a log over the size limit to <c>.1</c>; called before anything opens the log.</summary>
    public static void Rotate(string path)
    {
        var info = new FileInfo(path);
        if (info.Exists && info.Length > RotateBytes) File.Move(path, path + ".1", overwrite: true);
    }

    public ILogger CreateLogger(string categoryName) => new FileLogger(this, ShortCategory(categoryName));

    public void Dispose()
    {
        lock (_lock) _writer.Dispose();
    }

    private void Write(LogLevel level, string category, string message, Exception? exception)
    {
        var line = new StringBuilder(128)
            .Append(DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture))
            .Append(' ').Append(LevelName(level)).Append(' ').Append(category).Append(": ").Append(message);
        if (exception is not null) line.AppendLine().Append(exception);
        lock (_lock)
        {
            try
            {
                _writer.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // Events racing with shutdown after the file was closed: nowhere left to write them.
            }
        }
    }

    /// <summary>Four-letter level names, as in the console output.</summary>
    public static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        LogLevel.Critical => "crit",
        _ => "none",
    };

    private static string ShortCategory(string category)
    {
        var dot = category.LastIndexOf('.');
        return dot < 0 ? category : category[(dot + 1)..];
    }

    private sealed class FileLogger(FileLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= owner._minimum && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            owner.Write(logLevel, category, formatter(state, exception), exception);
        }
    }
}
