namespace GatewayFs.Cli;

internal static class Entry
{
    public static int Main(string[] args)
    {
        Console.Error.WriteLine("gatewayfs: not implemented yet");
        return 2;
    }
}
