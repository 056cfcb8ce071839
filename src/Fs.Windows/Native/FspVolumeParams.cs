using System.Runtime.InteropServices;

namespace GatewayFs.Fs.Windows.Native;

/// <summary>FSP_FSCTL_VOLUME_PARAMS, version 1 (winfsp/fsctl.h, 504 bytes on every architecture).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct FspVolumeParams
{
    public ushort Version; // sizeof(FspVolumeParams) selects the V1 layout
    public ushort SectorSize;
    public ushort SectorsPerAllocationUnit;
    public ushort MaxComponentLength; // longest name component, in bytes
    public ulong VolumeCreationTime;
    public uint VolumeSerialNumber;
    public uint TransactTimeout;
    public uint IrpTimeout;
    public uint IrpCapacity;
    public uint FileInfoTimeout;
    public uint Flags; // the V0 bit-field word: see VolumeFlags
    public fixed char Prefix[192];
    public fixed char FileSystemName[16];
    public uint Flags1; // the V1 "timeout valid" bits
    public uint VolumeInfoTimeout;
    public uint DirInfoTimeout;
    public uint SecurityTimeout;
    public uint StreamInfoTimeout;
    public uint EaTimeout;
    public uint FsextControlCode;
    public uint Reserved32;
    public ulong Reserved64a;
    public ulong Reserved64b;
}

/// <summary>Bits of <see cref="FspVolumeParams.Flags"/>, in declaration order of the C bit-field.</summary>
internal static class VolumeFlags
{
    public const uint CaseSensitiveSearch = 1u << 0;
    public const uint CasePreservedNames = 1u << 1;
    public const uint UnicodeOnDisk = 1u << 2;
    public const uint PersistentAcls = 1u << 3;
    public const uint ReparsePoints = 1u << 4;
    public const uint ReparsePointsAccessCheck = 1u << 5;
    public const uint NamedStreams = 1u << 6;
    public const uint HardLinks = 1u << 7;
    public const uint ExtendedAttributes = 1u << 8;
    public const uint ReadOnlyVolume = 1u << 9;
    public const uint PostCleanupWhenModifiedOnly = 1u << 10;
    public const uint PassQueryDirectoryPattern = 1u << 11;
    public const uint AlwaysUseDoubleBuffering = 1u << 12;
    public const uint PassQueryDirectoryFileName = 1u << 13;
    public const uint FlushAndPurgeOnCleanup = 1u << 14;
    public const uint DeviceControl = 1u << 15;
    public const uint UmFileContextIsUserContext2 = 1u << 16;
    public const uint UmFileContextIsFullContext = 1u << 17;
    public const uint UmNoReparsePointsDirCheck = 1u << 18;
    public const uint AllowOpenInKernelMode = 1u << 24;
    public const uint CasePreservedExtendedAttributes = 1u << 25;
    public const uint WslFeatures = 1u << 26;
    public const uint DirectoryMarkerAsNextOffset = 1u << 27;
    public const uint RejectIrpPriorToTransact0 = 1u << 28;
    public const uint SupportsPosixUnlinkRename = 1u << 29;
    public const uint PostDispositionWhenNecessaryOnly = 1u << 30;
}
