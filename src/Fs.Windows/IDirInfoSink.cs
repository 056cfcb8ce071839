namespace GatewayFs.Fs.Windows;

/// <summary>
/// Receives the entries of one ReadDirectory reply. The native layer writes FSP_FSCTL_DIR_INFO
/// records with FspFileSystemAddDirInfo; tests collect them. This is the thinnest seam between
/// the operation layer and WinFsp.
/// </summary>
internal interface IDirInfoSink
{
    /// <summary>Adds one entry; false when the reply buffer is full.</summary>
    bool TryAdd(string name, in FspFileInfo info);

    /// <summary>Marks the end of the directory (there is nothing after the last entry added).</summary>
    void End();
}
