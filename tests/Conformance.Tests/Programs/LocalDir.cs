namespace GatewayFs.Tests.Conformance.Programs;

/// <summary>A temporary directory on the local disk, removed with everything in it on dispose.</summary>
internal sealed class LocalDir : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("gatewayfs-local-").FullName;

    public string this[string relative] => System.IO.Path.Join(Path, relative);

    /// <summary>A new local directory holding <see cref="SampleTree"/> in "src".</summary>
    public static LocalDir WithSampleTree()
    {
        var local = new LocalDir();
        Directory.CreateDirectory(local["src"]);
        SampleTree.Create(local["src"]);
        return local;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
