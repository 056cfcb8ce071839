using GatewayFs.Fs;

namespace GatewayFs.Volumes;

public sealed partial class CachedVolume
{
    // Extended attributes are not stored: reading finds none, and setting says so clearly
    // (EOPNOTSUPP, as on filesystems without xattr support), which cp -a and tar handle.

    /// <inheritdoc />
    /// <remarks>
    /// Answered with a shared failed task, not a throw: <c>ls -l</c> asks every entry for
    /// <c>security.selinux</c> and every write asks for <c>security.capability</c>.
    /// </remarks>
    public ValueTask<int> GetXattrAsync(ulong node, string name, Memory<byte> buffer, CancellationToken ct)
    {
        _nodes.Get(node);
        return FsErrors.Fail<int>(FsError.NoData);
    }

    /// <inheritdoc />
    public ValueTask SetXattrAsync(ulong node, string name, ReadOnlyMemory<byte> value, XattrFlags flags, CancellationToken ct)
    {
        _nodes.Get(node);
        throw new FsException(FsError.NotSupported, "a cached volume does not store extended attributes");
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<string>> ListXattrAsync(ulong node, CancellationToken ct)
    {
        _nodes.Get(node);
        return ValueTask.FromResult<IReadOnlyList<string>>([]);
    }

    /// <inheritdoc />
    public ValueTask RemoveXattrAsync(ulong node, string name, CancellationToken ct)
    {
        _nodes.Get(node);
        throw new FsException(FsError.NoData, $"no extended attribute '{name}': a cached volume stores none");
    }
}
