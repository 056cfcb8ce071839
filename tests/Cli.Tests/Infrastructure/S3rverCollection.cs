using GatewayFs.TestKit.S3;
using Xunit;

namespace GatewayFs.Tests.Cli.Infrastructure;

/// <summary>One s3rver for every test class that mounts; each test uses its own bucket.</summary>
[CollectionDefinition(Name)]
public sealed class S3rverCollection : ICollectionFixture<S3rverFixture>
{
    public const string Name = "s3rver";
}
