namespace GatewayFs.Tests.Cli.Infrastructure;

/// <summary>
/// mount(8) runs helpers with a fixed PATH (/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin),
/// so `mount -t fuse.gatewayfs` only finds an installed gatewayfs. This fixture links the built one to
/// /usr/local/bin/gatewayfs for the tests (and removes the link after) when nothing is there; when another
/// gatewayfs is installed, tests fall back to mount.fuse's `fuse` type with an absolute program path.
/// </summary>
public sealed class SystemPathInstall : IDisposable
{
    private const string LinkPath = "/usr/local/bin/gatewayfs";
    private readonly bool _created;

    public SystemPathInstall()
    {
        if (File.Exists(LinkPath) || Directory.Exists(LinkPath) || new FileInfo(LinkPath).LinkTarget is not null)
        {
            Installed = new FileInfo(LinkPath).LinkTarget == Gatewayfs.Executable;
            return;
        }
        File.CreateSymbolicLink(LinkPath, Gatewayfs.Executable);
        _created = true;
        Installed = true;
    }

    /// <summary>True when mount(8) finds this build as `gatewayfs`.</summary>
    public bool Installed { get; }

    /// <summary>The type and source for mount(8) that run this build with <paramref name="source"/>.</summary>
    public (string Type, string Source) MountTypeAndSource(string source) =>
        Installed ? ("fuse.gatewayfs", source) : ("fuse", $"{Gatewayfs.Executable}#{source}");

    public void Dispose()
    {
        if (_created) File.Delete(LinkPath);
    }
}
