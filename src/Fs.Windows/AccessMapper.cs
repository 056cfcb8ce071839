namespace GatewayFs.Fs.Windows;

/// <summary>NtCreateFile options and granted access to the platform-neutral <see cref="OpenFlags"/>.</summary>
internal static class AccessMapper
{
    /// <summary>
    /// The open flags for a handle granted <paramref name="grantedAccess"/>. A handle granted
    /// neither read nor write (attributes or delete only) still opens read-only, because the
    /// filesystem needs some access mode; append-only access becomes <see cref="OpenFlags.Append"/>.
    /// </summary>
    public static OpenFlags ToOpenFlags(uint createOptions, uint grantedAccess)
    {
        bool read = (grantedAccess & (WinAttributes.ReadData | WinAttributes.Execute)) != 0;
        bool write = (grantedAccess & WinAttributes.WriteData) != 0;
        bool append = (grantedAccess & WinAttributes.AppendData) != 0;
        OpenFlags flags = (write || append) ? (read ? OpenFlags.ReadWrite : OpenFlags.WriteOnly) : OpenFlags.ReadOnly;
        if (append && !write) flags |= OpenFlags.Append;
        if ((createOptions & WinAttributes.WriteThrough) != 0) flags |= OpenFlags.Sync;
        if ((createOptions & WinAttributes.NoIntermediateBuffering) != 0) flags |= OpenFlags.Direct;
        return flags;
    }

    /// <summary>The rename flags for Windows' ReplaceIfExists.</summary>
    public static RenameFlags ToRenameFlags(bool replaceIfExists) =>
        replaceIfExists ? RenameFlags.None : RenameFlags.NoReplace;
}
