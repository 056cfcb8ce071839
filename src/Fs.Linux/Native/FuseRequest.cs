using System.Text;

namespace GatewayFs.Fs.Linux.Native;

/// <summary>
/// One kernel request (<c>fuse_req_t</c>). Exactly one Reply* call ends it, from any thread;
/// the handle is invalid afterwards. Reply results are ignored: a failed reply means the
/// request was interrupted or the connection is gone, and there is nobody left to tell.
/// </summary>
internal readonly unsafe struct FuseRequest(nint handle)
{
    public nint Handle { get; } = handle;

    /// <summary>Who sent it (valid until the reply).</summary>
    public FsCaller Caller
    {
        get
        {
            FuseCtx* c = Libfuse.fuse_req_ctx(Handle);
            return new FsCaller(c->Uid, c->Gid, c->Pid, c->Umask);
        }
    }

    public void ReplyError(int errno) => Libfuse.fuse_reply_err(Handle, errno);

    public void ReplyOk() => Libfuse.fuse_reply_err(Handle, 0);

    public void ReplyNone() => Libfuse.fuse_reply_none(Handle);

    public void ReplyEntry(in FsEntry entry)
    {
        EntryParam p;
        NativeConvert.ToEntryParam(entry, &p);
        Libfuse.fuse_reply_entry(Handle, &p);
    }

    /// <summary>"Not found", remembered by the kernel for <paramref name="seconds"/>: an entry with node 0.</summary>
    public void ReplyNegativeEntry(double seconds)
    {
        EntryParam p = default;
        p.EntryTimeout = seconds;
        Libfuse.fuse_reply_entry(Handle, &p);
    }

    public void ReplyCreate(in FsEntry entry, in OpenReply open)
    {
        EntryParam p;
        NativeConvert.ToEntryParam(entry, &p);
        FuseFileInfo fi = NativeConvert.ToFileInfo(open);
        Libfuse.fuse_reply_create(Handle, &p, &fi);
    }

    public void ReplyAttr(ulong node, in FileAttr attr, TimeSpan timeout)
    {
        StatBuf st;
        NativeConvert.ToStat(node, attr, &st);
        Libfuse.fuse_reply_attr(Handle, &st, NativeConvert.Seconds(timeout));
    }

    public void ReplyOpen(in OpenReply open)
    {
        FuseFileInfo fi = NativeConvert.ToFileInfo(open);
        Libfuse.fuse_reply_open(Handle, &fi);
    }

    public void ReplyWrite(int count) => Libfuse.fuse_reply_write(Handle, (nuint)count);

    public void ReplyBuffer(ReadOnlySpan<byte> data)
    {
        fixed (byte* p = data)
            Libfuse.fuse_reply_buf(Handle, p, (nuint)data.Length);
    }

    public void ReplyXattrSize(int size) => Libfuse.fuse_reply_xattr(Handle, (nuint)size);

    public void ReplyReadLink(string target)
    {
        int max = Encoding.UTF8.GetMaxByteCount(target.Length) + 1;
        Span<byte> buf = max <= 4096 ? stackalloc byte[max] : new byte[max];
        int n = Encoding.UTF8.GetBytes(target, buf);
        buf[n] = 0;
        fixed (byte* p = buf)
            Libfuse.fuse_reply_readlink(Handle, p);
    }

    public void ReplyStatFs(in FsStats s)
    {
        StatVfs v = default;
        v.BlockSize = s.BlockSize;
        v.FragmentSize = s.BlockSize;
        v.Blocks = s.Blocks;
        v.BlocksFree = s.BlocksFree;
        v.BlocksAvailable = s.BlocksAvailable;
        v.Files = s.Files;
        v.FilesFree = s.FilesFree;
        v.FilesAvailable = s.FilesFree;
        v.NameMax = s.NameMax;
        Libfuse.fuse_reply_statfs(Handle, &v);
    }
}
