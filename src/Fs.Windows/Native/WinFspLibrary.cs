using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Microsoft.Win32;

namespace GatewayFs.Fs.Windows.Native;

/// <summary>
/// Finds and loads WinFsp's DLL. WinFsp does not put its DLL on the search path: the
/// installer records its directory under HKLM\SOFTWARE\WOW6432Node\WinFsp\InstallDir, and the
/// DLL for this process's architecture lives in its <c>bin</c> folder.
/// </summary>
[SupportedOSPlatform("windows")]
internal static class WinFspLibrary
{
    /// <summary>The library name the imports use; resolved here, never searched for.</summary>
    public const string Name = "winfsp";

    /// <summary>The one-line message for a machine without WinFsp.</summary>
    public const string NotInstalledMessage = "WinFsp is not installed: install it from https://winfsp.dev/rel/";

    private const string RegistryKey = @"HKEY_LOCAL_MACHINE\SOFTWARE\WOW6432Node\WinFsp";

    private static readonly Lock s_lock = new();
    private static nint s_handle;

    /// <summary>Loads the DLL once; throws <see cref="WinFspMountException"/> with what to do when it cannot.</summary>
    public static void EnsureLoaded()
    {
        lock (s_lock)
        {
            if (s_handle != 0) return;
            if (Registry.GetValue(RegistryKey, "InstallDir", null) is not string dir || dir.Length == 0)
                throw new WinFspMountException(NotInstalledMessage);
            string file = Path.Combine(dir, "bin", $"winfsp-{ArchitectureSuffix()}.dll");
            if (!File.Exists(file))
                throw new WinFspMountException($"WinFsp is registered at {dir} but {file} is missing: reinstall it from https://winfsp.dev/rel/");
            if (!NativeLibrary.TryLoad(file, out nint handle))
                throw new WinFspMountException($"{file} could not be loaded: reinstall WinFsp from https://winfsp.dev/rel/");
            NativeLibrary.SetDllImportResolver(typeof(WinFspLibrary).Assembly,
                (name, _, _) => name == Name ? s_handle : 0);
            s_handle = handle;
        }
    }

    private static string ArchitectureSuffix() => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => "x64",
        Architecture.Arm64 => "a64",
        Architecture.X86 => "x86",
        var other => throw new WinFspMountException($"WinFsp has no DLL for the {other} architecture; run gatewayfs as an x64 or arm64 process"),
    };
}
