using GatewayFs.Fs;
using GatewayFs.Fs.Linux;
using GatewayFs.TestKit.InMemory;

namespace GatewayFs.Bench.Fuse;

/// <summary>
/// Mounts the in-memory reference filesystem for benchmarks/fuse/run.sh, holding the same tree
/// as cfs.c: <c>/big</c> (N MiB of data) and <c>/many</c> (empty files f00000…). Prints
/// "ready" once mounted and serves until unmounted or signalled. With --gc-stats it prints
/// what it allocated every two seconds.
/// </summary>
internal static class FuseServe
{
    private const int MiB = 1 << 20;

    public static int Run(string[] args)
    {
        if (args.Length < 1 || args[0].StartsWith('-'))
        {
            Console.Error.WriteLine("fuse-serve: give the mountpoint first");
            return 2;
        }
        string mountpoint = args[0];
        int bigMib = Option(args, "--big-mib", 1024);
        int files = Option(args, "--files", 10_000);
        int threads = Option(args, "--threads", new FuseMountOptions().Threads);

        var fs = new InMemoryFileSystem(new InMemoryOptions { Capacity = (long)(bigMib + 64) * MiB });
        Populate(fs, bigMib, files).AsTask().GetAwaiter().GetResult();
        using var mount = FuseMount.Mount(fs, mountpoint, new FuseMountOptions { Threads = threads });
        Console.WriteLine("ready");
        if (args.Contains("--gc-stats")) ReportAllocations(mount.Completion);
        mount.Completion.GetAwaiter().GetResult();
        return 0;
    }

    private static void ReportAllocations(Task until)
    {
        var ticks = new AllocTicks();
        _ = Task.Run(async () =>
        {
            while (!until.IsCompleted)
            {
                await Task.Delay(2000);
                Console.WriteLine(ticks.Summary());
            }
            ticks.Dispose();
        });
    }

    private static int Option(string[] args, string name, int fallback)
    {
        int i = Array.IndexOf(args, name);
        if (i < 0) return fallback;
        if (i + 1 >= args.Length || !int.TryParse(args[i + 1], out int v) || v < 0)
            throw new ArgumentException($"{name} needs a non-negative number");
        return v;
    }

    private static async ValueTask Populate(IFileSystem fs, int bigMib, int files)
    {
        var me = FsCaller.Self;
        var ct = CancellationToken.None;
        var big = await fs.CreateAsync(1, "big", 0x1A4, OpenFlags.WriteOnly | OpenFlags.Create, me, ct);
        var chunk = new byte[MiB];
        for (int i = 0; i < bigMib; i++)
        {
            Fill(chunk, (long)i * MiB);
            await fs.WriteAsync(big.Entry.NodeId, big.Open.Handle, (long)i * MiB, chunk, ct);
        }
        await fs.ReleaseAsync(big.Entry.NodeId, big.Open.Handle, ct);
        fs.Forget(big.Entry.NodeId, 1);

        var many = await fs.MkdirAsync(1, "many", 0x1ED, me, ct);
        for (int i = 0; i < files; i++)
        {
            var f = await fs.CreateAsync(many.NodeId, $"f{i:D5}", 0x1A4, OpenFlags.WriteOnly | OpenFlags.Create, me, ct);
            await fs.ReleaseAsync(f.Entry.NodeId, f.Open.Handle, ct);
            fs.Forget(f.Entry.NodeId, 1);
        }
        fs.Forget(many.NodeId, 1);
    }

    /// <summary>Byte i of /big is the low byte of (i * 31) &gt;&gt; 3, the same as in cfs.c.</summary>
    private static void Fill(byte[] chunk, long offset)
    {
        for (int i = 0; i < chunk.Length; i++) chunk[i] = (byte)((offset + i) * 31 >> 3);
    }
}
