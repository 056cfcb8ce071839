using GatewayFs.Fs.Linux;
using GatewayFs.Tests.Fs.Linux.Support;

namespace GatewayFs.Tests.Fs.Linux;

/// <summary>
/// The test assembly is also a tiny mount host, so signal tests can kill a real process that
/// owns a mount: <c>dotnet Fs.Linux.Tests.dll serve DIR [--no-auto-unmount]</c> mounts a
/// <see cref="MiniFs"/> with a file "hello", prints "ready", and waits for the session to end.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length < 2 || args[0] != "serve")
        {
            Console.Error.WriteLine("usage: Fs.Linux.Tests serve MOUNTPOINT [--no-auto-unmount]");
            return 2;
        }
        var fs = new MiniFs();
        fs.AddFile("hello", MiniFs.Utf8("hello from a child\n"));
        using var mount = FuseMount.Mount(fs, args[1], new FuseMountOptions { AutoUnmount = !args.Contains("--no-auto-unmount") });
        Console.WriteLine("ready");
        mount.Completion.Wait();
        return 0;
    }
}
