namespace GatewayFs.Fs.Linux;

/// <summary>What the kernel and the adapter agreed on at INIT (for logs and tests).</summary>
internal sealed record FuseConnection(
    uint ProtoMajor, uint ProtoMinor, uint MaxWrite, uint MaxRead, uint MaxReadahead,
    uint Capable, uint Want, uint MaxBackground);
