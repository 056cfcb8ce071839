using GatewayFs.ObjectStore;
using GatewayFs.TestKit.S3;
using Xunit;

namespace GatewayFs.Tests.ObjectStore;

/// <summary>The contract against <see cref="S3ObjectStore"/> on a real s3rver, a fresh bucket per test.</summary>
[Collection(S3rverCollection.Name)]
public sealed class S3ObjectStoreContractTests(S3rverFixture s3rver) : ObjectStoreContract
{
    protected override bool ServerHasUploadPartCopy => false;

    protected override bool ListsInS3Order => false;

    protected override bool CountsPrefixesInPageSize => false;

    protected override async Task<IObjectStore> CreateStoreAsync() => s3rver.CreateStore(await s3rver.CreateBucketAsync());
}
