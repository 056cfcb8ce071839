namespace GatewayFs.Fs.Linux;

/// <summary>One line of /proc/self/mountinfo.</summary>
internal readonly record struct MountEntry(string MountPoint, uint Major, uint Minor, string FsType, string Source)
{
    /// <summary>The backing-device name under /sys/class/bdi (FUSE uses the anonymous device number).</summary>
    public string BdiName => $"{Major}:{Minor}";
}
