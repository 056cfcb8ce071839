using System.Globalization;
using System.Text;
using GatewayFs.Cli.Control;
using GatewayFs.Cli.Settings;

namespace GatewayFs.Cli.Output;

/// <summary>`gatewayfs status` for people: one block of aligned lines per mount.</summary>
internal static class StatusText
{
    public static string Format(IReadOnlyList<MountStatus> mounts)
    {
        if (mounts.Count == 0) return "no gatewayfs mounts are running";
        var sb = new StringBuilder();
        foreach (var m in mounts)
        {
            if (sb.Length > 0) sb.AppendLine();
            sb.AppendLine(CultureInfo.InvariantCulture, $"{m.Mountpoint}  ({m.State}, pid {m.Pid})");
            var v = m.Volume;
            if (v is not null)
            {
                Line(sb, "volume", $"{v.Kind} -> {v.Target}" + (m.ReadOnly ? ", read-only" : ""));
                Line(sb, "dirty", $"{Words.BytesInFiles(v.DirtyBytes, v.DirtyFiles)} (journal {ByteSize.Format(v.JournalSizeBytes)}, {Percent(v.DirtyBytes, v.JournalSizeBytes)} used)");
                Line(sb, "cache", $"{ByteSize.Format(v.CacheUsedBytes)} of {ByteSize.Format(v.CacheSizeBytes)} ({Percent(v.CacheUsedBytes, v.CacheSizeBytes)}), hit rate {v.CacheHitPercent:0.#}% ({v.CacheHits} hits, {v.CacheMisses} misses)");
                Line(sb, "uploads", $"{v.UploadQueueLength} queued, {ByteSize.Format((long)v.UploadBytesPerSecond)}/s; {ByteSize.Format(v.CloudBytesUploaded)} up, {ByteSize.Format(v.CloudBytesDownloaded)} down since start");
                Line(sb, "store", v.StoreReachable ? "reachable" : "UNREACHABLE");
                Line(sb, "last error", v.LastError is null ? "none" : $"{v.LastError}" + (v.LastErrorAt is { } at ? $" (at {at.ToLocalTime():yyyy-MM-dd HH:mm:ss})" : ""));
            }
            if (m.Problem is not null) Line(sb, "problem", m.Problem);
            if (m.CacheDir is not null) Line(sb, "cache dir", m.CacheDir);
            if (m.LogFile is not null) Line(sb, "log", m.LogFile);
            if (m.Metrics is not null) Line(sb, "metrics", m.Metrics);
        }
        return sb.ToString().TrimEnd();
    }

    private static void Line(StringBuilder sb, string label, string value) =>
        sb.Append("  ").Append((label + ":").PadRight(12)).AppendLine(value);

    private static string Percent(long part, long whole) =>
        whole <= 0 ? "0%" : (100.0 * part / whole).ToString("0.#", CultureInfo.InvariantCulture) + "%";
}
