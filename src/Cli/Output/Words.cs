using GatewayFs.Cli.Settings;

namespace GatewayFs.Cli.Output;

/// <summary>Small phrases that several messages share.</summary>
internal static class Words
{
    /// <summary>"12 MiB in 3 files", "5 B in 1 file".</summary>
    public static string BytesInFiles(long bytes, int files) => $"{ByteSize.Format(bytes)} in {files} file{(files == 1 ? "" : "s")}";
}
