using Xunit.Abstractions;

namespace GatewayFs.Tests.CacheEngine;

/// <summary>Base of tests that need a scratch directory on the real disk (and maybe test output).</summary>
public abstract class ScratchTest : IDisposable
{
    protected ScratchTest(ITestOutputHelper? output = null) => Output = output;

    protected TempDir Dir { get; } = new();

    protected ITestOutputHelper? Output { get; }

    public void Dispose()
    {
        Dir.Dispose();
        GC.SuppressFinalize(this);
    }
}
