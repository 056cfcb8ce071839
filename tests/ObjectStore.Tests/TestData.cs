namespace GatewayFs.Tests.ObjectStore;

/// <summary>Deterministic pseudo-random bytes, so a failure can be reproduced.</summary>
internal static class TestData
{
    public static byte[] Bytes(int length, int seed = 1)
    {
        byte[] data = new byte[length];
        new Random(seed).NextBytes(data);
        return data;
    }

    public static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}
