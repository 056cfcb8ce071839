namespace GatewayFs.Tests.Cli.Infrastructure;

/// <summary>Deterministic, incompressible test bytes.</summary>
public static class TestData
{
    public static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
