using System.Globalization;
using GatewayFs.Fs;
using GatewayFs.ObjectStore;

namespace GatewayFs.Volumes.Cached;

/// <summary>
/// POSIX attributes carried in an object's user metadata. Written in the s3fs dialect;
/// read in the s3fs, rclone and AWS Storage Gateway dialects. A null field was not present.
/// </summary>
internal sealed record PosixMetadata(uint? Mode, uint? Uid, uint? Gid, FsTime? Mtime, FsTime? Atime = null)
{
    public static PosixMetadata None { get; } = new(null, null, null, null);

    /// <summary>True when the object carried at least one POSIX field.</summary>
    public bool Any => Mode is not null || Uid is not null || Gid is not null || Mtime is not null;

    /// <summary>Reads the first dialect that has each field: s3fs/rclone keys first, then AWS.</summary>
    public static PosixMetadata Parse(ObjectMetadata meta)
    {
        var u = meta.User;
        uint? mode = u.TryGetValue("mode", out var m) ? ParseMode(m) : null;
        if (mode is null && u.TryGetValue("file-permissions", out var fp)) mode = ParseOctal(fp);
        uint? uid = u.TryGetValue("uid", out var us) ? ParseUInt(us) : null;
        uid ??= u.TryGetValue("file-owner", out var fo) ? ParseUInt(fo) : null;
        uint? gid = u.TryGetValue("gid", out var gs) ? ParseUInt(gs) : null;
        gid ??= u.TryGetValue("file-group", out var fg) ? ParseUInt(fg) : null;
        FsTime? mtime = u.TryGetValue("mtime", out var mt) ? ParseTime(mt) : null;
        mtime ??= u.TryGetValue("file-mtime", out var fm) ? ParseTime(fm) : null;
        FsTime? atime = u.TryGetValue("atime", out var at) ? ParseTime(at) : null;
        atime ??= u.TryGetValue("file-atime", out var fa) ? ParseTime(fa) : null;
        return new PosixMetadata(mode, uid, gid, mtime, atime);
    }

    /// <summary>Writes the s3fs keys into <paramref name="meta"/>, replacing other dialects' POSIX keys so that readers agree.</summary>
    public ObjectMetadata WriteTo(ObjectMetadata meta)
    {
        var user = meta.User.RemoveRange(["mode", "uid", "gid", "mtime", "atime", "file-permissions", "file-owner", "file-group", "file-mtime", "file-atime"]);
        if (Mode is { } mode) user = user.SetItem("mode", mode.ToString(CultureInfo.InvariantCulture));
        if (Uid is { } uid) user = user.SetItem("uid", uid.ToString(CultureInfo.InvariantCulture));
        if (Gid is { } gid) user = user.SetItem("gid", gid.ToString(CultureInfo.InvariantCulture));
        if (Mtime is { } t) user = user.SetItem("mtime", FormatTime(t));
        if (Atime is { } a && a != Mtime) user = user.SetItem("atime", FormatTime(a));
        return meta with { User = user };
    }

    /// <summary>
    /// Seconds, plus a fraction of up to 9 digits when there are nanoseconds, as the decimal
    /// number other tools read as a float: before 1970 (-2 s + 0.25 s) that is "-1.75".
    /// </summary>
    public static string FormatTime(FsTime t)
    {
        if (t.Nanoseconds == 0) return t.Seconds.ToString(CultureInfo.InvariantCulture);
        bool negative = t.Seconds < 0;
        long whole = negative ? -(t.Seconds + 1) : t.Seconds;
        uint frac = negative ? 1_000_000_000 - t.Nanoseconds : t.Nanoseconds;
        return (negative ? "-" : "") + whole.ToString(CultureInfo.InvariantCulture) + "." + frac.ToString("D9", CultureInfo.InvariantCulture).TrimEnd('0');
    }

    /// <summary>
    /// s3fs writes st_mode in decimal ("33188"), rclone in octal ("100644", "0100644"). The reading
    /// that yields a known file type wins; a leading 0 means octal.
    /// </summary>
    public static uint? ParseMode(string s)
    {
        s = s.Trim();
        if (s.Length == 0 || !s.All(char.IsAsciiDigit)) return null;
        uint? oct = ParseOctal(s);
        if (s[0] == '0') return oct;
        uint? dec = uint.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var d) && d <= 0xFFFF ? d : null;
        if (dec is { } dv && HasKnownType(dv)) return dv;
        if (oct is { } ov && HasKnownType(ov)) return ov;
        return dec ?? oct;
    }

    private static bool HasKnownType(uint mode) => (mode & FileModes.TypeMask) is
        FileModes.Regular or FileModes.Directory or FileModes.Symlink or FileModes.Fifo
        or FileModes.CharDevice or FileModes.BlockDevice or FileModes.Socket;

    private static uint? ParseOctal(string s)
    {
        s = s.Trim();
        if (s.StartsWith("0o", StringComparison.OrdinalIgnoreCase)) s = s[2..];
        if (s.Length == 0 || s.Length > 11) return null;
        ulong v = 0;
        foreach (char c in s)
        {
            if (c < '0' || c > '7') return null;
            v = v * 8 + (ulong)(c - '0');
        }
        return v <= 0xFFFF ? (uint)v : null;
    }

    private static uint? ParseUInt(string s) =>
        uint.TryParse(s.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;

    /// <summary>
    /// Epoch seconds with an optional fraction (s3fs, rclone), an integer with an "ns" suffix
    /// (AWS Storage Gateway), or an RFC 3339 timestamp (rclone metadata).
    /// </summary>
    public static FsTime? ParseTime(string s)
    {
        s = s.Trim();
        if (s.EndsWith("ns", StringComparison.Ordinal))
        {
            if (!long.TryParse(s[..^2], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ns)) return null;
            long sec = Math.DivRem(ns, 1_000_000_000L, out long rem);
            if (rem < 0) { sec--; rem += 1_000_000_000L; }
            return new FsTime(sec, (uint)rem);
        }
        int dot = s.IndexOf('.');
        string whole = dot < 0 ? s : s[..dot];
        if (long.TryParse(whole, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var secs))
        {
            if (dot < 0) return new FsTime(secs, 0);
            string frac = s[(dot + 1)..];
            if (frac.Length == 0 || !frac.All(char.IsAsciiDigit)) return null;
            uint ns = uint.Parse(frac.Length > 9 ? frac[..9] : frac.PadRight(9, '0'), CultureInfo.InvariantCulture);
            // A decimal before 1970 counts the fraction backwards: "-1.75" is -2 s + 0.25 s.
            return whole.StartsWith('-') && ns > 0 ? new FsTime(secs - 1, 1_000_000_000 - ns) : new FsTime(secs, ns);
        }
        return DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var dto)
            ? FsTime.FromDateTimeOffset(dto) : null;
    }
}
