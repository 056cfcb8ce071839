namespace GatewayFs.Fs.Linux.Native;

/// <summary>Conversions between the contract's types and libfuse's structs and flags.</summary>
internal static unsafe class NativeConvert
{
    // open(2) flags on Linux x86-64.
    private const int O_ACCMODE = 3;
    private const int O_CREAT = 0x40;
    private const int O_EXCL = 0x80;
    private const int O_TRUNC = 0x200;
    private const int O_APPEND = 0x400;
    private const int O_DSYNC = 0x1000;
    private const int O_DIRECT = 0x4000;

    /// <summary>Kernel timeouts are seconds as a double; negative means none.</summary>
    public static double Seconds(TimeSpan t) => t <= TimeSpan.Zero ? 0.0 : t.TotalSeconds;

    /// <summary>Fills a zeroed stat; st_ino falls back to the node id when the filesystem left it 0.</summary>
    public static void ToStat(ulong node, in FileAttr a, StatBuf* st)
    {
        *st = default;
        st->Ino = a.Ino != 0 ? a.Ino : node;
        st->Mode = a.Mode;
        st->Nlink = a.Nlink;
        st->Uid = a.Uid;
        st->Gid = a.Gid;
        st->Rdev = a.Rdev;
        st->Size = a.Size;
        st->BlkSize = a.BlockSize;
        st->Blocks = a.Blocks;
        st->AtimeSec = a.Atime.Seconds;
        st->AtimeNsec = a.Atime.Nanoseconds;
        st->MtimeSec = a.Mtime.Seconds;
        st->MtimeNsec = a.Mtime.Nanoseconds;
        st->CtimeSec = a.Ctime.Seconds;
        st->CtimeNsec = a.Ctime.Nanoseconds;
    }

    public static void ToEntryParam(in FsEntry e, EntryParam* p)
    {
        p->Ino = e.NodeId;
        p->Generation = e.Generation;
        ToStat(e.NodeId, e.Attr, &p->Attr);
        p->AttrTimeout = Seconds(e.AttrTimeout);
        p->EntryTimeout = Seconds(e.EntryTimeout);
    }

    public static FuseFileInfo ToFileInfo(in OpenReply o)
    {
        FuseFileInfo fi = default;
        fi.Fh = o.Handle;
        if (o.DirectIo) fi.Bits |= FuseFileInfo.DirectIo;
        if (o.KeepCache) fi.Bits |= FuseFileInfo.KeepCache;
        if (o.NonSeekable) fi.Bits |= FuseFileInfo.NonSeekable;
        return fi;
    }

    public static OpenFlags ToOpenFlags(int f)
    {
        var r = (OpenFlags)(f & O_ACCMODE);
        if ((f & O_APPEND) != 0) r |= OpenFlags.Append;
        if ((f & O_TRUNC) != 0) r |= OpenFlags.Truncate;
        if ((f & O_CREAT) != 0) r |= OpenFlags.Create;
        if ((f & O_EXCL) != 0) r |= OpenFlags.Exclusive;
        if ((f & O_DIRECT) != 0) r |= OpenFlags.Direct;
        if ((f & O_DSYNC) != 0) r |= OpenFlags.Sync; // O_SYNC includes the O_DSYNC bit
        return r;
    }

    /// <summary>Translates setattr's (stat, to_set) pair; "now" wins over an explicit time.</summary>
    public static SetAttrRequest ToSetAttr(StatBuf* st, int toSet)
    {
        var r = new SetAttrRequest();
        if ((toSet & Libfuse.SetMode) != 0) { r.Fields |= SetAttrFields.Mode; r.Mode = st->Mode & FileModes.PermissionMask; }
        if ((toSet & Libfuse.SetUid) != 0) { r.Fields |= SetAttrFields.Uid; r.Uid = st->Uid; }
        if ((toSet & Libfuse.SetGid) != 0) { r.Fields |= SetAttrFields.Gid; r.Gid = st->Gid; }
        if ((toSet & Libfuse.SetSize) != 0) { r.Fields |= SetAttrFields.Size; r.Size = st->Size; }
        if ((toSet & Libfuse.SetAtimeNow) != 0) r.Fields |= SetAttrFields.AtimeNow;
        else if ((toSet & Libfuse.SetAtime) != 0) { r.Fields |= SetAttrFields.Atime; r.Atime = new FsTime(st->AtimeSec, (uint)st->AtimeNsec); }
        if ((toSet & Libfuse.SetMtimeNow) != 0) r.Fields |= SetAttrFields.MtimeNow;
        else if ((toSet & Libfuse.SetMtime) != 0) { r.Fields |= SetAttrFields.Mtime; r.Mtime = new FsTime(st->MtimeSec, (uint)st->MtimeNsec); }
        if ((toSet & Libfuse.SetCtime) != 0) { r.Fields |= SetAttrFields.Ctime; r.Ctime = new FsTime(st->CtimeSec, (uint)st->CtimeNsec); }
        return r;
    }
}
