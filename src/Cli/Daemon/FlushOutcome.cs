using GatewayFs.Volumes;

namespace GatewayFs.Cli.Daemon;

/// <summary>How a flush ended: complete, or stopped with a one-line reason and what is still pending.</summary>
internal sealed record FlushOutcome(bool Complete, string? Problem, VolumeStatus Status);
