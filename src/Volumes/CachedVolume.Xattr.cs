using GatewayFs.Fs;

namespace GatewayFs.Volumes;

public sealed partial class CachedVolume
{
    // Extended attributes are not stored: reading finds none, and setting says so clearly
    // (EOPNOTSUPP, as on filesystems without xattr support), which cp -a and tar handle.
    // Misses are the common case (the kernel asks for security.capability before writes, ls
    // and cp ask for ACLs and SELinux labels), so they are pre-built failed tasks: no
    // exception is thrown or allocated per call.

    /// <inheritdoc />
    public ValueTask<int> GetXattrAsync(ulong node, string name, Memory<byte> buffer, CancellationToken ct)
    {
        _nodes.Get(node);
        return FsErrors.Fail<int>(FsError.NoData);
    }

    /// <inheritdoc />
    public ValueTask SetXattrAsync(ulong node, string name, ReadOnlyMemory<byte> value, XattrFlags flags, CancellationToken ct)
    {
        _nodes.Get(node);
        return FsErrors.Fail(FsError.NotSupported);
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
        return FsErrors.Fail(FsError.NoData);
    }
}
