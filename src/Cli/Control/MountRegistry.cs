using System.Text.Json;

namespace GatewayFs.Cli.Control;

/// <summary>
/// The registry of running mounts: one JSON file per mount in <see cref="RuntimePaths.MountsDir"/>,
/// written by the daemon once its mount is ready and removed when it exits. `status` lists it;
/// `unmount` and `flush` find a daemon's socket in it.
/// </summary>
internal sealed class MountRegistry(RuntimePaths paths)
{
    public RuntimePaths Paths { get; } = paths;

    /// <summary>Records a running mount (atomically: write a temporary file, then rename).</summary>
    public void Register(RegistryEntry entry)
    {
        RuntimePaths.CreatePrivateDirectory(Paths.Root);
        RuntimePaths.CreatePrivateDirectory(Paths.MountsDir);
        var file = Paths.EntryFile(entry.Mountpoint);
        var temp = file + $".{Environment.ProcessId}.tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(entry, ControlJson.Default.RegistryEntry));
        File.Move(temp, file, overwrite: true);
    }

    /// <summary>Removes the entry of <paramref name="mountpoint"/> if it still belongs to <paramref name="pid"/>.</summary>
    public void Unregister(string mountpoint, int pid)
    {
        var entry = Find(mountpoint);
        if (entry is not null && entry.Pid == pid) File.Delete(Paths.EntryFile(mountpoint));
    }

    /// <summary>Removes the entry of <paramref name="mountpoint"/> whoever wrote it (for dead daemons).</summary>
    public void Remove(string mountpoint)
    {
        if (Directory.Exists(Paths.MountsDir)) File.Delete(Paths.EntryFile(mountpoint));
    }

    /// <summary>The entry of <paramref name="mountpoint"/>, or null.</summary>
    public RegistryEntry? Find(string mountpoint) => Read(Paths.EntryFile(mountpoint));

    /// <summary>Every entry, sorted by mountpoint.</summary>
    public IReadOnlyList<RegistryEntry> List()
    {
        if (!Directory.Exists(Paths.MountsDir)) return [];
        return Directory.EnumerateFiles(Paths.MountsDir, "*.json")
            .Select(Read)
            .OfType<RegistryEntry>()
            .OrderBy(e => e.Mountpoint, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Whether process <paramref name="pid"/> exists.</summary>
    public static bool IsAlive(int pid)
    {
        if (pid <= 0) return false;
        try
        {
            // "pid (comm) S ...": a zombie (Z) or dead (X) process no longer serves anything.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..].TrimStart()[0];
            return state is not ('Z' or 'X');
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static RegistryEntry? Read(string file)
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(file), ControlJson.Default.RegistryEntry);
        }
        catch (IOException e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (JsonException)
        {
            // A half-written entry cannot happen (rename), so this file is foreign or damaged: not a mount of ours.
            return null;
        }
    }
}
