namespace GatewayFs.Cli.Control;

/// <summary>Who holds a cache directory: written beside the lock file so that a second mount can say who.</summary>
internal sealed record LockOwner(int Pid, string Mountpoint, DateTimeOffset Since);
