using System.Reflection;
using Xunit.Sdk;

namespace GatewayFs.Tests.Conformance;

/// <summary>
/// Runs a theory once per selected target, passing the target's name. When GATEWAYFS_TARGETS
/// selects none that fit, the theory shows as skipped (xunit 2 would fail a theory without data).
/// </summary>
public abstract class TargetDataAttribute : DataAttribute
{
    private readonly IReadOnlyList<string> _names;

    protected TargetDataAttribute(bool mountedOnly)
    {
        _names = Targets.Names(mountedOnly);
        if (_names.Count == 0) Skip = "GATEWAYFS_TARGETS selects no target for this test";
    }

    /// <inheritdoc />
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) =>
        _names.Count == 0 ? [["none"]] : _names.Select(n => new object[] { n });
}

/// <summary>Every selected target.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AllTargetsAttribute() : TargetDataAttribute(mountedOnly: false);

/// <summary>Selected targets reachable as a host directory, where real programs can run.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class MountedTargetsAttribute() : TargetDataAttribute(mountedOnly: true);
