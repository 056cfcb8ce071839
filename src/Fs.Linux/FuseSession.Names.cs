using System.Diagnostics.CodeAnalysis;
using GatewayFs.Fs.Linux.Native;

namespace GatewayFs.Fs.Linux;

/// <summary>Names that cannot be handed to the filesystem.</summary>
internal sealed partial class FuseSession
{
    /// <summary>
    /// Names reach the adapter as bytes, the contract's names are strings: a name that is not
    /// valid UTF-8 (<paramref name="name"/> is null) has no faithful string, so the filesystem
    /// never sees it. Looking one up answers as for any missing name (nothing can be called
    /// that here, and ls, rm -f or test -e cope with "not found"); creating one answers EILSEQ.
    /// Returns true when the request was answered with <paramref name="errno"/>.
    /// </summary>
    private static bool Refused(FuseRequest req, [NotNullWhen(false)] string? name, int errno)
    {
        if (name is not null) return false;
        req.ReplyError(errno);
        return true;
    }

    /// <summary>
    /// Without FUSE_POSIX_ACL (never asked for) the kernel passes POSIX ACLs through as
    /// <c>system.posix_acl_*</c> xattrs. A filesystem that stored them as bytes would let
    /// <c>cp -a</c> believe its ACL set the mode and skip chmod; so the whole <c>system.</c>
    /// namespace answers EOPNOTSUPP here, whatever the filesystem, and programs fall back to chmod.
    /// </summary>
    private static bool IsSystemXattr(string name) => name.StartsWith("system.", StringComparison.Ordinal);

    /// <summary>Answers EOPNOTSUPP for a <c>system.</c> xattr name; true when it did.</summary>
    private static bool RefusedSystem(FuseRequest req, string name)
    {
        if (!IsSystemXattr(name)) return false;
        req.ReplyError(Libc.EOPNOTSUPP);
        return true;
    }
}
