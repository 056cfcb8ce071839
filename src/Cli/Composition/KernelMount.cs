using GatewayFs.Cli.Settings;
using GatewayFs.Fs;
using GatewayFs.Fs.Linux;
using Microsoft.Extensions.Logging;

namespace GatewayFs.Cli.Composition;

/// <summary>The kernel side of a mount: our libfuse3 binding driving the volume's filesystem.</summary>
internal sealed class KernelMount : IAsyncDisposable
{
    private readonly FuseMount _fuse;

    private KernelMount(FuseMount fuse) => _fuse = fuse;

    /// <summary>Completes when the kernel mount is gone (unmounted by us or from outside).</summary>
    public Task Completion => _fuse.Completion;

    /// <summary>Mounts <paramref name="fs"/>; throws a one-line <see cref="CliError"/> when the kernel refuses.</summary>
    public static KernelMount Mount(IFileSystem fs, MountSettings settings, ILoggerFactory loggers)
    {
        try
        {
            return new KernelMount(FuseMount.Mount(fs, settings.Mountpoint, new FuseMountOptions
            {
                AllowOther = settings.AllowOther,
                AllowNonEmpty = settings.AllowNonEmpty,
                Logger = loggers.CreateLogger("fuse"),
            }));
        }
        catch (FuseMountException e)
        {
            throw new CliError(e.Message);
        }
    }

    public ValueTask DisposeAsync() => _fuse.DisposeAsync();
}
