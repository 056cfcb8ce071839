using GatewayFs.Cli.Settings;
using GatewayFs.Tests.Cli.Infrastructure;
using Xunit;

namespace GatewayFs.Tests.Cli;

public sealed class HelpAndDocsTests
{
    private static Task<CliResult> Run(params string[] args) => Gatewayfs.RunAsync(args, new Dictionary<string, string?>());

    [Fact]
    public async Task Root_help_lists_every_command()
    {
        var r = await Run("--help");
        Assert.Equal(0, r.ExitCode);
        foreach (var command in new[] { "mount", "unmount", "flush", "status" }) Assert.Contains(command, r.Stdout);
    }

    [Fact]
    public async Task Mount_help_documents_every_setting_with_its_names()
    {
        var r = await Run("mount", "--help");
        Assert.Equal(0, r.ExitCode);
        foreach (var s in SettingsCatalog.All)
        {
            Assert.Contains(s.Flag, r.Stdout);
            Assert.Contains(s.EnvVar, r.Stdout);
            Assert.Contains($"-o {s.MountOption}", r.Stdout);
        }
        foreach (var extra in new[] { "--config", "-o", "--source", "GATEWAYFS_CONFIG" }) Assert.Contains(extra, r.Stdout);
        Assert.DoesNotContain("--daemon-child", r.Stdout);
    }

    [Theory]
    [InlineData("unmount", "--force", "--timeout")]
    [InlineData("flush", "--timeout")]
    [InlineData("status", "--json")]
    public async Task Command_help_documents_its_options(string command, params string[] options)
    {
        var r = await Run(command, "--help");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("MOUNTPOINT", r.Stdout);
        foreach (var o in options) Assert.Contains(o, r.Stdout);
    }

    [Fact]
    public void Configuration_doc_lists_every_setting_by_every_name()
    {
        var doc = File.ReadAllText(Path.Combine(Gatewayfs.RepoRoot, "docs", "CONFIGURATION.md"));
        foreach (var s in SettingsCatalog.All)
        {
            Assert.Contains($"`{s.Flag}", doc);
            Assert.Contains($"`{s.Key}`", doc);
            Assert.Contains($"`{s.EnvVar}`", doc);
            Assert.Contains($"`{s.MountOption}", doc);
        }
        foreach (var extra in new[] { "GATEWAYFS_CONFIG", "GATEWAYFS_RUNTIME_DIR", "--timeout", "--force", "--json" }) Assert.Contains(extra, doc);
    }

    [Theory]
    [InlineData("mount", "/tmp/x", "--cache-sise", "1G")]
    [InlineData("status", "--jsn")]
    [InlineData("frobnicate")]
    public async Task Unknown_options_and_commands_are_one_line_usage_errors(params string[] args)
    {
        var r = await Run(args);
        Assertions.OneLineFailure(r, args[^1] == "1G" ? "--cache-sise" : args[^1], exitCode: 2);
        Assert.Contains("--help", r.ErrorLines[0]);
    }
}
