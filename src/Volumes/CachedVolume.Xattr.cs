using GatewayFs.Fs;

namespace GatewayFs.Volumes;

public sealed partial class CachedVolume
{
    // Extended attributes are not stored: reading and setting say so (through FUSE both give
    // EOPNOTSUPP, as on filesystems without xattr support), which cp -a and tar handle; listing
    // finds none.

    /// <inheritdoc />
    /// <remarks>
    /// ENOSYS, from a shared failed task: on Linux the kernel then answers every later getxattr
    /// itself (EOPNOTSUPP, as setxattr says), instead of asking for <c>security.selinux</c> once
    /// per entry of every <c>ls -l</c> and <c>security.capability</c> once per written file.
    /// </remarks>
    public ValueTask<int> GetXattrAsync(ulong node, string name, Memory<byte> buffer, CancellationToken ct)
    {
        _nodes.Get(node);
        return FsErrors.Fail<int>(FsError.NotImplemented);
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
