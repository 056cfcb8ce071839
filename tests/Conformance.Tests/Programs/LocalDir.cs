namespace GatewayFs.Tests.Conformance.Programs;

/// <summary>A temporary directory on the local disk, removed with everything in it on dispose.</summary>
internal sealed class LocalDir : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("gatewayfs-local-").FullName;

    public string this[string relative] => System.IO.Path.Join(Path, relative);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
