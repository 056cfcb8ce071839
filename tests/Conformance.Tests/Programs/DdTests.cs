using static GatewayFs.TestKit.Conformance.Programs;

namespace GatewayFs.Tests.Conformance.Programs;

/// <summary>dd with the block sizes and flags backup scripts use.</summary>
public class DdTests
{
    [Theory, MountedTargets]
    public async Task Dd_with_fsync_writes_and_reads_back_the_same_bytes(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        using var local = new LocalDir();
        string inside = Path.Join(fs.HostRoot!, "image");
        await File.WriteAllBytesAsync(local["rand"], TestData.Bytes(24 << 20, seed: 24));

        await RunAsync("dd", [$"if={local["rand"]}", $"of={inside}", "bs=1M", "conv=fsync", "status=none"]);
        await RunAsync("cmp", [local["rand"], inside]);
        await RunAsync("dd", [$"if={inside}", $"of={local["back"]}", "bs=64k", "status=none"]);
        await RunAsync("cmp", [local["rand"], local["back"]]);
    }

    [Theory, MountedTargets]
    public async Task Dd_overwrites_a_range_in_place_with_notrunc(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        using var local = new LocalDir();
        string inside = Path.Join(fs.HostRoot!, "image");
        var model = TestData.Bytes(8 << 20, seed: 8);
        var patch = TestData.Bytes(3 * 4096, seed: 9);
        await File.WriteAllBytesAsync(local["model"], model);
        await File.WriteAllBytesAsync(local["patch"], patch);

        await RunAsync("dd", [$"if={local["model"]}", $"of={inside}", "bs=4M", "status=none"]);
        await RunAsync("dd", [$"if={local["patch"]}", $"of={inside}", "bs=4096", "seek=100", "conv=notrunc,fsync", "status=none"]);
        patch.CopyTo(model, 100 * 4096);
        await File.WriteAllBytesAsync(local["model"], model);
        await RunAsync("cmp", [local["model"], inside]);
    }

    [Theory, MountedTargets]
    public async Task Dd_with_direct_io_round_trips(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        using var local = new LocalDir();
        string inside = Path.Join(fs.HostRoot!, "direct");
        await File.WriteAllBytesAsync(local["rand"], TestData.Bytes(4 << 20, seed: 4));

        await RunAsync("dd", [$"if={local["rand"]}", $"of={inside}", "bs=1M", "oflag=direct", "status=none"]);
        await RunAsync("dd", [$"if={inside}", $"of={local["back"]}", "bs=1M", "iflag=direct", "status=none"]);
        await RunAsync("cmp", [local["rand"], local["back"]]);
    }
}
