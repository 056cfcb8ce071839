using GatewayFs.Fs;
using Xunit;

namespace GatewayFs.Tests.Fs.Abstractions;

public class FsNamesTests
{
    private static FsError ErrorOf(string name, int nameMax = 255) =>
        Assert.Throws<FsException>(() => FsNames.Validate(name, nameMax)).Error;

    [Theory]
    [InlineData("a")]
    [InlineData("...")]
    [InlineData(".hidden")]
    [InlineData("with space")]
    [InlineData("ünïcödé")]
    [InlineData("back\\slash")]
    public void Ordinary_names_pass(string name) => FsNames.Validate(name);

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("a/b")]
    [InlineData("/")]
    [InlineData("nul\0inside")]
    public void Empty_dot_dotdot_slash_and_nul_are_EINVAL(string name) => Assert.Equal(FsError.InvalidArgument, ErrorOf(name));

    [Fact]
    public void The_limit_counts_UTF8_bytes_not_characters()
    {
        FsNames.Validate(new string('a', 255));
        Assert.Equal(FsError.NameTooLong, ErrorOf(new string('a', 256)));
        FsNames.Validate(new string('€', 85)); // 3 bytes each: 255
        Assert.Equal(FsError.NameTooLong, ErrorOf(new string('€', 86)));
        Assert.Equal(FsError.NameTooLong, ErrorOf(new string('é', 128))); // 128 characters, 256 bytes
        Assert.Equal(FsError.NameTooLong, ErrorOf(string.Concat(Enumerable.Repeat("😀", 64)))); // 4 bytes each: 256
    }

    [Fact]
    public void A_smaller_backend_limit_is_honoured()
    {
        FsNames.Validate("abcd", nameMax: 4);
        Assert.Equal(FsError.NameTooLong, ErrorOf("abcde", nameMax: 4));
    }

    [Fact]
    public void Invalid_names_are_reported_before_long_ones()
    {
        Assert.Equal(FsError.InvalidArgument, ErrorOf(new string('a', 300) + "/"));
    }
}
