using GatewayFs.Cli.Settings;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace GatewayFs.Cli.Logging;

/// <summary>Builds the daemon's logger factory: the log file always, stderr too in the foreground.</summary>
internal static class DaemonLogging
{
    public static ILoggerFactory Create(MountSettings settings, bool toStderr) => LoggerFactory.Create(builder =>
    {
        builder.SetMinimumLevel(settings.LogLevel);
        builder.AddProvider(new FileLoggerProvider(settings.LogFile, settings.LogLevel));
        if (toStderr)
        {
            builder.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss.fff ";
                o.ColorBehavior = LoggerColorBehavior.Default;
            });
            builder.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        }
    });
}
