namespace GatewayFs.Tests.Volumes.Support;

/// <summary>Deterministic test data.</summary>
public static class Bytes
{
    public static byte[] Random(int length, int seed)
    {
        var b = new byte[length];
        new Random(seed).NextBytes(b);
        return b;
    }
}
