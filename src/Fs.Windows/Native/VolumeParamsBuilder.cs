namespace GatewayFs.Fs.Windows.Native;

/// <summary>The volume parameters of a gatewayfs mount; plain data, so tested on Linux.</summary>
internal static unsafe class VolumeParamsBuilder
{
    private const uint IrpTimeoutMs = 300_000;
    private const uint IrpCapacity = 1000;

    /// <summary>
    /// Case-sensitive and case-preserving like the S3 keys behind it; per-handle file contexts
    /// (UserContext2); symlinks as reparse points; Cleanup only when a file was modified or is
    /// being deleted, which is when the filesystem needs its close.
    /// </summary>
    public static FspVolumeParams Build(FsInfo info, WinFspMountOptions options, FsTime now)
    {
        var p = new FspVolumeParams
        {
            Version = (ushort)sizeof(FspVolumeParams),
            SectorSize = options.SectorSize,
            SectorsPerAllocationUnit = 1,
            MaxComponentLength = (ushort)Math.Clamp(info.NameMax, 1, 255),
            VolumeCreationTime = FileTimes.ToFileTime(now),
            VolumeSerialNumber = (uint)now.Seconds,
            IrpTimeout = IrpTimeoutMs,
            IrpCapacity = IrpCapacity,
            FileInfoTimeout = (uint)Math.Clamp(options.FileInfoTimeout.TotalMilliseconds, 0, uint.MaxValue),
            Flags = VolumeFlags.CaseSensitiveSearch | VolumeFlags.CasePreservedNames | VolumeFlags.UnicodeOnDisk
                | VolumeFlags.PersistentAcls | VolumeFlags.ReparsePoints | VolumeFlags.PostCleanupWhenModifiedOnly
                | VolumeFlags.PassQueryDirectoryPattern | VolumeFlags.UmFileContextIsUserContext2
                | (info.ReadOnly ? VolumeFlags.ReadOnlyVolume : 0),
        };
        string name = options.FileSystemName;
        if (name.Length is 0 or > 15)
            throw new WinFspMountException($"file system name '{name}' must be 1 to 15 characters");
        name.AsSpan().CopyTo(new Span<char>(p.FileSystemName, 16));
        return p;
    }
}
