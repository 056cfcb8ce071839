using GatewayFs.Fs;
using GatewayFs.TestKit.Posix;
using static GatewayFs.TestKit.Posix.Libc;

namespace GatewayFs.TestKit.Conformance;

/// <summary>
/// An <see cref="IFsSession"/> over a host directory, with the libc calls an ordinary program
/// makes: over a FUSE mount it drives the whole kernel path; over a local directory it shows
/// what Linux itself does (the suite's own reference).
/// </summary>
public sealed partial class PosixSession : IFsSession
{
    private readonly Func<ValueTask>? _cleanup;

    /// <summary>Works in <paramref name="root"/>; <paramref name="cleanup"/> runs on dispose (unmount, delete).</summary>
    public PosixSession(string root, string target, FsFeatures features, Func<ValueTask>? cleanup = null)
    {
        RequireLayouts();
        HostRoot = root;
        Target = target;
        Features = features;
        _cleanup = cleanup;
        Umask = ReadUmask();
    }

    /// <inheritdoc />
    public string Target { get; }

    /// <inheritdoc />
    public FsFeatures Features { get; }

    /// <inheritdoc />
    public string? HostRoot { get; }

    /// <inheritdoc />
    public uint Umask { get; }

    /// <summary>The host path of <paramref name="path"/>.</summary>
    public string Host(string path) => path.Length == 0 ? HostRoot! : Path.Join(HostRoot, path);

    /// <summary>What <see cref="SettleAsync"/> waits for; null when there is never anything pending.</summary>
    public Func<ValueTask>? Settle { get; init; }

    /// <inheritdoc />
    public ValueTask SettleAsync() => Settle?.Invoke() ?? ValueTask.CompletedTask;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_cleanup is not null) await _cleanup();
    }

    /// <inheritdoc />
    public ValueTask<FileAttr> StatAsync(string path)
    {
        string p = Host(path);
        Errno.Check(StatPath(p, out var st), "stat", p);
        return new(ToAttr(st));
    }

    /// <inheritdoc />
    public ValueTask<FileAttr> LstatAsync(string path)
    {
        string p = Host(path);
        Errno.Check(LstatPath(p, out var st), "lstat", p);
        return new(ToAttr(st));
    }

    /// <inheritdoc />
    public ValueTask<IFsFile> OpenAsync(string path, OpenFlags flags, uint mode = 0x1A4)
    {
        string p = Host(path);
        int fd = (int)Errno.Check(Open(p, ToOpenFlags(flags), mode), "open", p);
        return new(new PosixFile(fd, p));
    }

    /// <inheritdoc />
    public ValueTask MkdirAsync(string path, uint mode = 0x1ED) => Run(Mkdir(Host(path), mode), "mkdir", path);

    /// <inheritdoc />
    public ValueTask RmdirAsync(string path) => Run(Rmdir(Host(path)), "rmdir", path);

    /// <inheritdoc />
    public ValueTask UnlinkAsync(string path) => Run(Unlink(Host(path)), "unlink", path);

    /// <inheritdoc />
    public ValueTask RenameAsync(string from, string to, RenameFlags flags = RenameFlags.None) =>
        Run(Renameat2(AT_FDCWD, Host(from), AT_FDCWD, Host(to), (uint)flags), "renameat2", $"{from} -> {to}");

    /// <inheritdoc />
    public ValueTask SymlinkAsync(string target, string path) => Run(Symlink(target, Host(path)), "symlink", path);

    /// <inheritdoc />
    public unsafe ValueTask<string> ReadLinkAsync(string path)
    {
        string p = Host(path);
        var buffer = new byte[4096];
        fixed (byte* b = buffer)
        {
            long n = Errno.Check(Readlink(p, b, buffer.Length), "readlink", p);
            return new(System.Text.Encoding.UTF8.GetString(buffer, 0, (int)n));
        }
    }

    /// <inheritdoc />
    public ValueTask LinkAsync(string existing, string path) => Run(Link(Host(existing), Host(path)), "link", path);

    /// <inheritdoc />
    public ValueTask ChmodAsync(string path, uint mode) => Run(Chmod(Host(path), mode), "chmod", path);

    /// <inheritdoc />
    public ValueTask ChownAsync(string path, uint uid, uint gid) => Run(Chown(Host(path), uid, gid), "chown", path);

    /// <inheritdoc />
    public unsafe ValueTask UtimensAsync(string path, FsTime? atime, FsTime? mtime)
    {
        var times = stackalloc Timespec[2];
        times[0] = ToTimespec(atime);
        times[1] = ToTimespec(mtime);
        return Run(Utimensat(AT_FDCWD, Host(path), times, 0), "utimensat", path);
    }

    /// <inheritdoc />
    public ValueTask TruncateAsync(string path, long size) => Run(Truncate(Host(path), size), "truncate", path);

    /// <inheritdoc />
    public ValueTask<FsStats> StatFsAsync(string path)
    {
        string p = Host(path);
        Errno.Check(StatFs(p, out var st), "statfs", p);
        return new(new FsStats
        {
            BlockSize = (uint)st.BlockSize,
            Blocks = st.Blocks,
            BlocksFree = st.BlocksFree,
            BlocksAvailable = st.BlocksAvailable,
            Files = st.Files,
            FilesFree = st.FilesFree,
            NameMax = (uint)st.NameMax,
        });
    }

    private ValueTask Run(int result, string call, string path)
    {
        if (result < 0) throw Errno.Last(call, Host(path));
        return ValueTask.CompletedTask;
    }

    internal static FileAttr ToAttr(in Stat st) => new()
    {
        Ino = st.Ino,
        Size = st.Size,
        Blocks = st.Blocks,
        Atime = new FsTime(st.Atime.Sec, (uint)st.Atime.Nsec),
        Mtime = new FsTime(st.Mtime.Sec, (uint)st.Mtime.Nsec),
        Ctime = new FsTime(st.Ctime.Sec, (uint)st.Ctime.Nsec),
        Mode = st.Mode,
        Nlink = (uint)st.Nlink,
        Uid = st.Uid,
        Gid = st.Gid,
        Rdev = (uint)st.Rdev,
        BlockSize = (uint)st.BlockSize,
    };

    private static Timespec ToTimespec(FsTime? t) => t switch
    {
        null => new Timespec { Nsec = UtimeOmit },
        { } v when v == Utime.Now => new Timespec { Nsec = UtimeNow },
        { } v => new Timespec { Sec = v.Seconds, Nsec = v.Nanoseconds },
    };

    private static int ToOpenFlags(OpenFlags f)
    {
        int o = (int)(f & OpenFlags.AccessMask) | O_CLOEXEC;
        if ((f & OpenFlags.Append) != 0) o |= O_APPEND;
        if ((f & OpenFlags.Truncate) != 0) o |= O_TRUNC;
        if ((f & OpenFlags.Create) != 0) o |= O_CREAT;
        if ((f & OpenFlags.Exclusive) != 0) o |= O_EXCL;
        if ((f & OpenFlags.Direct) != 0) o |= O_DIRECT;
        if ((f & OpenFlags.Sync) != 0) o |= O_SYNC;
        return o;
    }

    private static uint ReadUmask()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith("Umask:", StringComparison.Ordinal))
                return Convert.ToUInt32(line["Umask:".Length..].Trim(), 8);
        throw new InvalidOperationException("/proc/self/status has no Umask line (Linux 4.7 or later is needed)");
    }
}
