using System.Collections;
using System.CommandLine;
using GatewayFs.Cli.Control;
using GatewayFs.Cli.Daemon;
using GatewayFs.Cli.Logging;
using GatewayFs.Cli.Settings;

namespace GatewayFs.Cli.Commands;

/// <summary>`gatewayfs mount MOUNTPOINT [options]`.</summary>
internal static class MountCommand
{
    public static Command Create(IReadOnlyList<string> args, IDictionary environment)
    {
        var options = new MountOptions();
        var command = new Command("mount",
            "Mount a bucket (or the embedded local store) on MOUNTPOINT. Runs as a background daemon and returns once the mount is ready, "
            + "or fails with the reason and leaves nothing mounted. Settings come from flags, -o options, GATEWAYFS_* variables and --config, in that order of precedence.");
        options.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            MountSettings Resolve() => SettingsResolver.Resolve(
                parse.GetValue(options.Mountpoint) ?? "", parse.GetValue(options.Config), environment, options.CommandLineValues(parse));
            var runtime = RuntimePaths.For(environment);
            if (parse.GetValue(options.DaemonChild)) return await DaemonChild.RunAsync(Resolve, runtime).ConfigureAwait(false);

            var settings = Resolve();
            MountpointCheck.Verify(settings.Mountpoint, settings.AllowNonEmpty);
            if (settings.Foreground)
            {
                var reporter = new ConsoleReadyReporter(SystemdNotifier.FromEnvironment());
                var ownership = CacheDirLock.Acquire(settings.CacheDir, settings.Mountpoint);
                FileLoggerProvider.Rotate(settings.LogFile);
                return await DaemonHost.RunAsync(settings, ownership, reporter, runtime, attached: true).ConfigureAwait(false);
            }
            return await DaemonLauncher.LaunchAsync(args, settings, ct).ConfigureAwait(false);
        });
        return command;
    }
}
