using GatewayFs.Cli;
using Xunit;

namespace GatewayFs.Tests.Cli;

public sealed class EntryTests
{
    [Fact]
    public void Mount_helper_form_becomes_a_mount_command()
    {
        Assert.Equal(["mount", "/mnt/x", "--source", "bucket/p", "-o", "ro,cache_dir=/c"],
            Entry.FromMountHelper(["bucket/p", "/mnt/x", "-o", "ro,cache_dir=/c"]));
    }

    [Theory]
    [InlineData("mount", "/mnt/x")]
    [InlineData("status", "/mnt/x")]
    [InlineData("--help", "x")]
    [InlineData("status")]
    public void Ordinary_commands_are_left_alone(params string[] args) => Assert.Equal(args, Entry.FromMountHelper(args));
}
