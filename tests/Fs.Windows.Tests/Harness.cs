using GatewayFs.Fs;
using GatewayFs.Fs.Windows;
using GatewayFs.TestKit.InMemory;

namespace GatewayFs.Tests.Fs.Windows;

/// <summary>The operation layer over a fresh in-memory filesystem, plus the Windows constants the tests pass.</summary>
internal sealed class Harness
{
    public const uint ReadData = 0x1, WriteData = 0x2, AppendData = 0x4;
    public const uint DirectoryFile = 0x1, NonDirectoryFile = 0x40;
    public const uint ReadWrite = ReadData | WriteData;

    public InMemoryFileSystem Fs { get; } = new();
    public WinFspOperations Ops { get; }
    public CancellationToken Ct => CancellationToken.None;

    public Harness(WinFspMountOptions? options = null) => Ops = new WinFspOperations(Fs, options ?? new WinFspMountOptions());

    public async Task<WinFile> CreateFileAsync(string path, uint access = ReadWrite, uint attributes = 0)
    {
        var r = await Ops.CreateAsync(path, NonDirectoryFile, access, attributes, Ct);
        Assert.Equal(NtStatus.Success, r.Status);
        return r.File!;
    }

    public async Task<WinFile> MkdirAsync(string path)
    {
        var r = await Ops.CreateAsync(path, DirectoryFile, ReadData, 0, Ct);
        Assert.Equal(NtStatus.Success, r.Status);
        return r.File!;
    }

    public async Task<WinFile> OpenAsync(string path, uint access = ReadWrite, uint options = 0)
    {
        var r = await Ops.OpenAsync(path, options, access, Ct);
        Assert.Equal(NtStatus.Success, r.Status);
        return r.File!;
    }

    /// <summary>Creates, writes and fully closes a file, as a Windows program would.</summary>
    public async Task PutAsync(string path, byte[] data)
    {
        var f = await CreateFileAsync(path);
        var w = await Ops.WriteAsync(f, data, 0, false, false, Ct);
        Assert.Equal(NtStatus.Success, w.Status);
        await CloseAsync(f, path);
    }

    public async Task CloseAsync(WinFile f, string? path = null, uint cleanupFlags = 0)
    {
        await Ops.CleanupAsync(f, path, cleanupFlags, Ct);
        await Ops.CloseAsync(f, Ct);
    }

    public async Task<byte[]> GetAsync(string path)
    {
        var f = await OpenAsync(path, ReadData);
        var buffer = new byte[1 << 16];
        var r = await Ops.ReadAsync(f, buffer, 0, Ct);
        await CloseAsync(f);
        return r.Status == NtStatus.EndOfFile ? [] : buffer[..(int)r.Bytes];
    }

    /// <summary>Every node but the root is unreferenced once everything is closed.</summary>
    public void AssertNoReferencesLeft()
    {
        Assert.Equal(0, Fs.HandleCount);
        // Live nodes are linked ones; any extra would be held by a leaked lookup.
        for (ulong id = 2; id < 200; id++) Assert.Equal(0ul, Fs.LookupCount(id));
    }
}

/// <summary>Collects ReadDirectory entries, refusing past <paramref name="capacity"/> like a full buffer.</summary>
internal sealed class CollectingSink(int capacity = int.MaxValue) : IDirInfoSink
{
    public List<(string Name, FspFileInfo Info)> Entries { get; } = [];
    public bool Ended { get; private set; }

    public bool TryAdd(string name, in FspFileInfo info)
    {
        if (Entries.Count >= capacity) return false;
        Entries.Add((name, info));
        return true;
    }

    public void End() => Ended = true;

    public IEnumerable<string> Names => Entries.Select(e => e.Name);
}
