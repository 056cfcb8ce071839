namespace GatewayFs.Fs;

/// <summary>What an open or create returns: the handle and kernel caching hints.</summary>
public struct OpenReply
{
    /// <summary>The filesystem's handle, passed back on read, write, flush and release.</summary>
    public ulong Handle;
    /// <summary>Bypass the kernel page cache for this handle.</summary>
    public bool DirectIo;
    /// <summary>Keep cached pages from earlier opens: the file is known unchanged.</summary>
    public bool KeepCache;
    /// <summary>The file is not seekable (tapes, streams).</summary>
    public bool NonSeekable;
}

/// <summary>What a create returns: the new node and its open handle.</summary>
public struct CreateReply
{
    /// <summary>The new node (adds one lookup).</summary>
    public FsEntry Entry;
    /// <summary>The open handle.</summary>
    public OpenReply Open;
}
