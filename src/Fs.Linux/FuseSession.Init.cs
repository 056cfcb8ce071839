using GatewayFs.Fs.Linux.Native;
using Microsoft.Extensions.Logging;

namespace GatewayFs.Fs.Linux;

/// <summary>Connection set-up (FUSE INIT): sizes and capabilities.</summary>
internal sealed partial class FuseSession
{
    private const uint MaxBackground = 64;

    /// <summary>
    /// Runs on a receive thread inside libfuse's INIT handling. libfuse has already filled
    /// <c>want</c> with its defaults (async read, parallel dirops, readdirplus, atomic O_TRUNC,
    /// auto inval data, …) limited to what the kernel offers; we adjust and never ask for a
    /// capability the kernel lacks, which would abort the connection.
    /// </summary>
    internal void Negotiate(ref ConnInfo c)
    {
        uint want = c.Want;
        // Splice would hand us pipe fds instead of our receive buffers; the kernel clears
        // setuid bits itself when we do not claim to.
        want &= ~(Libfuse.CapSpliceRead | Libfuse.CapSpliceWrite | Libfuse.CapSpliceMove | Libfuse.CapHandleKillpriv);
        want |= Libfuse.CapAsyncRead | Libfuse.CapReaddirPlus | Libfuse.CapReaddirPlusAuto | Libfuse.CapAtomicOTrunc;
        if (_info.WritebackCache) want |= Libfuse.CapWritebackCache;
        c.Want = want & c.Capable;
        // libfuse offers max_write up to its receive buffer (256 pages); it sets max_pages from it.
        c.MaxWrite = Math.Min(c.MaxWrite, (uint)_maxIo);
        c.MaxRead = (uint)_maxIo;
        c.MaxReadahead = Math.Min(c.MaxReadahead, (uint)_maxIo);
        c.MaxBackground = MaxBackground;
        c.CongestionThreshold = MaxBackground * 3 / 4;
        Connection = new FuseConnection(c.ProtoMajor, c.ProtoMinor, c.MaxWrite, c.MaxRead, c.MaxReadahead, c.Capable, c.Want, c.MaxBackground);
        _log.LogDebug("FUSE {Major}.{Minor} on {Mountpoint}: max_write {MaxWrite}, max_readahead {Readahead}, capable 0x{Capable:x}, want 0x{Want:x}",
            c.ProtoMajor, c.ProtoMinor, Mountpoint, c.MaxWrite, c.MaxReadahead, c.Capable, c.Want);
        _initSeen = true;
    }
}
