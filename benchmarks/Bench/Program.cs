using GatewayFs.Bench.Fuse;

// gatewayfs-bench: entry points of the benchmark scripts (benchmarks/*/run.sh).
return args switch
{
    ["fuse-serve", .. var rest] => FuseServe.Run(rest),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: gatewayfs-bench fuse-serve MOUNTPOINT [--big-mib N] [--files N] [--threads N] [--gc-stats]");
    return 2;
}
