using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace GatewayFs.Fs.Windows.Native;

/// <summary>
/// Writes directory entries into WinFsp's ReadDirectory buffer with FspFileSystemAddDirInfo.
/// It owns its byte counter in native memory, because a listing that completes later cannot
/// use the counter on the dispatcher's stack.
/// </summary>
[SupportedOSPlatform("windows")]
internal sealed unsafe class NativeDirInfoSink : IDirInfoSink, IDisposable
{
    private const int MaxNameChars = 1024;
    private readonly void* _buffer;
    private readonly uint _length;
    private uint* _bytes;

    public NativeDirInfoSink(void* buffer, uint length)
    {
        _buffer = buffer;
        _length = length;
        _bytes = (uint*)NativeMemory.AllocZeroed(sizeof(uint));
    }

    /// <summary>Bytes written so far.</summary>
    public uint BytesTransferred => *_bytes;

    public bool TryAdd(string name, in FspFileInfo info)
    {
        if (name.Length > MaxNameChars) return true; // cannot be a Windows name; leave it out of the listing
        int size = sizeof(FspDirInfo) + 2 * name.Length;
        byte* record = stackalloc byte[size];
        var dirInfo = (FspDirInfo*)record;
        *dirInfo = default;
        dirInfo->Size = (ushort)size;
        dirInfo->FileInfo = info;
        name.AsSpan().CopyTo(new Span<char>(record + sizeof(FspDirInfo), name.Length));
        return WinFspApi.FspFileSystemAddDirInfo(dirInfo, _buffer, _length, _bytes) != 0;
    }

    public void End() => WinFspApi.FspFileSystemAddDirInfo(null, _buffer, _length, _bytes);

    public void Dispose()
    {
        NativeMemory.Free(_bytes);
        _bytes = null;
    }
}
