namespace GatewayFs.Fs.Windows;

/// <summary>Windows constants the adapter reads or writes (winnt.h numbers).</summary>
internal static class WinAttributes
{
    public const uint ReadOnly = 0x1;
    public const uint Hidden = 0x2;
    public const uint Directory = 0x10;
    public const uint Archive = 0x20;
    public const uint Normal = 0x80;
    public const uint ReparsePoint = 0x400;
    public const uint Invalid = 0xFFFFFFFF;

    public const uint ReparseTagSymlink = 0xA000000C;

    // CreateOptions (low 24 bits of the NtCreateFile options).
    public const uint DirectoryFile = 0x1;
    public const uint WriteThrough = 0x2;
    public const uint NoIntermediateBuffering = 0x8;
    public const uint NonDirectoryFile = 0x40;
    public const uint DeleteOnClose = 0x1000;
    public const uint OpenReparsePoint = 0x200000;

    // Access rights (after the FSD mapped GENERIC_*).
    public const uint ReadData = 0x1;
    public const uint WriteData = 0x2;
    public const uint AppendData = 0x4;
    public const uint Execute = 0x20;
    public const uint FileAllAccess = 0x1F01FF;

    // Cleanup flags.
    public const uint CleanupDelete = 0x01;
}
