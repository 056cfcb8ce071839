namespace GatewayFs.Fs.Linux;

/// <summary>The argv handed to fuse_session_new: only mount options belong here (the rest is set in init).</summary>
internal static class MountArguments
{
    public static List<string> Build(FsInfo info, FuseMountOptions options, int maxRead)
    {
        var opts = new List<string>();
        if (info.Name.Length > 0) opts.Add("fsname=" + Escape(info.Name));
        if (info.Subtype.Length > 0) opts.Add("subtype=" + Escape(info.Subtype));
        // -o max_read must equal conn->max_read in init, or libfuse aborts the connection.
        opts.Add($"max_read={maxRead}");
        if (options.DefaultPermissions) opts.Add("default_permissions");
        if (options.AllowOther) opts.Add("allow_other");
        if (options.AutoUnmount) opts.Add("auto_unmount");
        if (info.ReadOnly) opts.Add("ro");
        foreach (var extra in options.ExtraOptions)
        {
            if (string.IsNullOrWhiteSpace(extra))
                throw new FuseMountException("an empty mount option was given in ExtraOptions: remove it");
            opts.Add(extra);
        }
        var args = new List<string> { "gatewayfs", "-o", string.Join(',', opts) };
        if (options.Debug) args.Add("-d");
        return args;
    }

    // fuse_opt splits option lists at commas; a backslash escapes the next character.
    private static string Escape(string value) => value.Replace("\\", "\\\\").Replace(",", "\\,");
}
