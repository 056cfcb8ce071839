// The CLI is Linux-only for now (FUSE, Unix sockets, signals); so are its tests.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
