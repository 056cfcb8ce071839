namespace GatewayFs.Tests.CacheEngine;

/// <summary>A scratch directory on the real disk (O_DIRECT does not work on tmpfs), removed on dispose.</summary>
public sealed class TempDir : IDisposable
{
    public TempDir()
    {
        string root = Environment.GetEnvironmentVariable("GATEWAYFS_TEST_TMP") ?? System.IO.Path.Combine(AppContext.BaseDirectory, "scratch");
        Path = System.IO.Path.Combine(root, Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Sub(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (DirectoryNotFoundException) { }
    }
}
