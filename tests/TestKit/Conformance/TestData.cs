namespace GatewayFs.TestKit.Conformance;

/// <summary>Deterministic test bytes: the same seed gives the same bytes, different seeds differ.</summary>
public static class TestData
{
    /// <summary><paramref name="count"/> pseudo-random bytes from <paramref name="seed"/>.</summary>
    public static byte[] Bytes(int count, int seed = 1)
    {
        var data = new byte[count];
        new Random(seed).NextBytes(data);
        return data;
    }
}
