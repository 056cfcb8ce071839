#pragma warning disable CS1998 // every call completes synchronously; async only so that errors travel in the returned task

using GatewayFs.Fs;

namespace GatewayFs.TestKit.InMemory;

public sealed partial class InMemoryFileSystem
{
    /// <inheritdoc />
    /// <remarks>
    /// Absence is asked for on every ls -l (security.selinux) and every write
    /// (security.capability), so it is answered with a shared failed task, not a throw.
    /// </remarks>
    public ValueTask<int> GetXattrAsync(ulong node, string name, Memory<byte> buffer, CancellationToken ct)
    {
        try
        {
            var n = NodeOf(node);
            CheckXattrName(name);
            n.Rw.EnterReadLock();
            try
            {
                if (n.Xattrs is null || !n.Xattrs.TryGetValue(name, out var value)) return FsErrors.Fail<int>(FsError.NoData);
                if (buffer.IsEmpty) return new(value.Length);
                if (buffer.Length < value.Length)
                    throw new FsException(FsError.Range, $"extended attribute '{name}' has {value.Length} bytes, buffer holds {buffer.Length}");
                value.CopyTo(buffer);
                return new(value.Length);
            }
            finally { n.Rw.ExitReadLock(); }
        }
        catch (FsException e)
        {
            return ValueTask.FromException<int>(e);
        }
    }

    /// <inheritdoc />
    public async ValueTask SetXattrAsync(ulong node, string name, ReadOnlyMemory<byte> value, XattrFlags flags, CancellationToken ct)
    {
        var n = NodeOf(node);
        CheckXattrName(name);
        n.Rw.EnterWriteLock();
        try
        {
            n.Xattrs ??= new Dictionary<string, byte[]>(StringComparer.Ordinal);
            bool exists = n.Xattrs.ContainsKey(name);
            if (flags == XattrFlags.Create && exists) throw new FsException(FsError.Exists, $"extended attribute '{name}' exists");
            if (flags == XattrFlags.Replace && !exists) throw new FsException(FsError.NoData, $"no extended attribute '{name}' to replace");
            n.Xattrs[name] = value.ToArray();
            n.Attr.Ctime = FsTime.Now;
        }
        finally { n.Rw.ExitWriteLock(); }
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<string>> ListXattrAsync(ulong node, CancellationToken ct)
    {
        var n = NodeOf(node);
        n.Rw.EnterReadLock();
        try { return n.Xattrs is null ? [] : n.Xattrs.Keys.ToArray(); }
        finally { n.Rw.ExitReadLock(); }
    }

    /// <inheritdoc />
    public async ValueTask RemoveXattrAsync(ulong node, string name, CancellationToken ct)
    {
        var n = NodeOf(node);
        CheckXattrName(name);
        n.Rw.EnterWriteLock();
        try
        {
            if (n.Xattrs is null || !n.Xattrs.Remove(name))
                throw new FsException(FsError.NoData, $"no extended attribute '{name}'");
            n.Attr.Ctime = FsTime.Now;
        }
        finally { n.Rw.ExitWriteLock(); }
    }

    // Linux answers ERANGE for empty names and names over XATTR_NAME_MAX (255 bytes).
    // The system namespace holds kernel-interpreted values (POSIX ACLs): stored as opaque
    // bytes they would be silently ignored (the mode would not follow an ACL set by cp -a),
    // so they are refused and programs fall back to chmod.
    private static void CheckXattrName(string name)
    {
        if (name.Length == 0 || System.Text.Encoding.UTF8.GetByteCount(name) > 255)
            throw new FsException(FsError.Range, $"extended attribute name of {name.Length} characters is empty or longer than 255 bytes");
        if (name.StartsWith("system.", StringComparison.Ordinal))
            throw new FsException(FsError.NotSupported, $"'{name}': the system namespace (POSIX ACLs) is not supported; use chmod");
    }
}
