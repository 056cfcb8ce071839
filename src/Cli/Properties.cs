using System.Runtime.CompilerServices;
using System.Runtime.Versioning;

// The daemon, its control socket and the mount helper are Linux-only for now; the Windows
// service (named pipe control, WinFsp) comes with the Windows adapter.
[assembly: SupportedOSPlatform("linux")]
[assembly: InternalsVisibleTo("Cli.Tests")]
