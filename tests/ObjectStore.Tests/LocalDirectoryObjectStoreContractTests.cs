using GatewayFs.ObjectStore;

namespace GatewayFs.Tests.ObjectStore;

/// <summary>The contract against <see cref="LocalDirectoryObjectStore"/>, a fresh directory per test.</summary>
public sealed class LocalDirectoryObjectStoreContractTests : ObjectStoreContract, IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("gatewayfs-localstore-").FullName;

    protected override bool ServerHasUploadPartCopy => true;

    protected override Task<IObjectStore> CreateStoreAsync() => Task.FromResult<IObjectStore>(new LocalDirectoryObjectStore(_root));

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
