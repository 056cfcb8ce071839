using GatewayFs.TestKit.S3;
using Xunit;

namespace GatewayFs.Tests.ObjectStore;

/// <summary>One s3rver for all S3 test classes of this assembly.</summary>
[CollectionDefinition(Name)]
public sealed class S3rverCollection : ICollectionFixture<S3rverFixture>
{
    public const string Name = "s3rver";
}
