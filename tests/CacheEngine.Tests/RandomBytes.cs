namespace GatewayFs.Tests.CacheEngine;

/// <summary>Deterministic test data: the same (length, seed) always gives the same bytes.</summary>
public static class RandomBytes
{
    public static byte[] Of(int length, int seed)
    {
        var b = new byte[length];
        new Random(seed).NextBytes(b);
        return b;
    }
}
