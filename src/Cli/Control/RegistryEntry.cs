namespace GatewayFs.Cli.Control;

/// <summary>A running mount as recorded in the registry (one JSON file per mount).</summary>
internal sealed record RegistryEntry
{
    public required string Mountpoint { get; init; }
    public required int Pid { get; init; }
    public required string Socket { get; init; }
    public required string CacheDir { get; init; }
    public required string LogFile { get; init; }
    public required string Target { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
}
