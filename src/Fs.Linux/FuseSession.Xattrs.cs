using System.Buffers;
using System.Text;
using GatewayFs.Fs.Linux.Native;

namespace GatewayFs.Fs.Linux;

/// <summary>
/// Extended attributes. A request with size 0 asks only for the size of the answer. A name that
/// is not UTF-8 cannot exist: reading or removing it is ENODATA, setting it EILSEQ. The
/// <c>system.</c> namespace answers EOPNOTSUPP whatever the filesystem (<see cref="IsSystemXattr"/>).
/// </summary>
internal sealed partial class FuseSession
{
    internal void GetXattr(FuseRequest req, ulong node, string? name, int size)
    {
        if (Refused(req, name, Libc.ENODATA) || RefusedSystem(req, name)) return;
        byte[]? buf = size > 0 ? ArrayPool<byte>.Shared.Rent(size) : null;
        var memory = buf is null ? Memory<byte>.Empty : buf.AsMemory(0, size);
        Run(req, "getxattr", (node, name, memory), static (fs, a, ct) => fs.GetXattrAsync(a.node, a.name, a.memory, ct),
            new PooledArray(buf),
            static (r, n, s) =>
            {
                if (s.Array is null) r.ReplyXattrSize(n);
                else if ((uint)n > (uint)s.Array.Length) r.ReplyError(Libc.ERANGE);
                else r.ReplyBuffer(s.Array.AsSpan(0, n));
            });
    }

    internal void ListXattr(FuseRequest req, ulong node, int size) =>
        Run(req, "listxattr", node, static (fs, n, ct) => fs.ListXattrAsync(n, ct), new SizeState(size),
            static (r, names, s) =>
            {
                // The answer is the names, each followed by a NUL; system.* ones cannot be used here.
                if (names.Any(IsSystemXattr)) names = names.Where(n => !IsSystemXattr(n)).ToList();
                int total = 0;
                foreach (var n in names) total += Encoding.UTF8.GetByteCount(n) + 1;
                if (s.Size == 0) { r.ReplyXattrSize(total); return; }
                if (total > s.Size) { r.ReplyError(Libc.ERANGE); return; }
                byte[] buf = ArrayPool<byte>.Shared.Rent(Math.Max(total, 1));
                int at = 0;
                foreach (var n in names)
                {
                    at += Encoding.UTF8.GetBytes(n, buf.AsSpan(at));
                    buf[at++] = 0;
                }
                r.ReplyBuffer(buf.AsSpan(0, total));
                ArrayPool<byte>.Shared.Return(buf);
            });

    internal void SetXattr(FuseRequest req, ulong node, string? name, byte[] value, int flags)
    {
        if (Refused(req, name, Libc.EILSEQ) || RefusedSystem(req, name)) return;
        Run(req, "setxattr", (node, name, value, flags: (XattrFlags)(flags & 3)), // XATTR_CREATE 1, XATTR_REPLACE 2
            static (fs, a, ct) => fs.SetXattrAsync(a.node, a.name, a.value, a.flags, ct));
    }

    internal void RemoveXattr(FuseRequest req, ulong node, string? name)
    {
        if (Refused(req, name, Libc.ENODATA) || RefusedSystem(req, name)) return;
        Run(req, "removexattr", (node, name), static (fs, a, ct) => fs.RemoveXattrAsync(a.node, a.name, ct));
    }
}
