using GatewayFs.Fs;
using GatewayFs.Fs.Windows;

namespace GatewayFs.Tests.Fs.Windows;

public class NtStatusTableTests
{
    public static TheoryData<FsError> AllErrors() => new(Enum.GetValues<FsError>());

    [Theory]
    [MemberData(nameof(AllErrors))]
    public void Every_error_has_its_own_failure_status(FsError error)
    {
        Assert.True(NtStatusTable.TryMap(error, out int status), $"{error} is missing from the NTSTATUS table");
        Assert.False(NtStatus.IsSuccess(status));
        Assert.Equal(status, NtStatusTable.FromError(error));
    }

    [Theory]
    [InlineData(FsError.NotFound, 0xC0000034u)]
    [InlineData(FsError.Exists, 0xC0000035u)]
    [InlineData(FsError.NotEmpty, 0xC0000101u)]
    [InlineData(FsError.NotDirectory, 0xC0000103u)]
    [InlineData(FsError.IsDirectory, 0xC00000BAu)]
    [InlineData(FsError.NoSpace, 0xC000007Fu)]
    [InlineData(FsError.AccessDenied, 0xC0000022u)]
    [InlineData(FsError.NameTooLong, 0xC0000106u)]
    [InlineData(FsError.Io, 0xC0000185u)]
    public void Common_errors_map_to_what_Windows_programs_expect(FsError error, uint expected) =>
        Assert.Equal(unchecked((int)expected), NtStatusTable.FromError(error));

    [Fact]
    public void Unknown_values_fall_back_to_io_error()
    {
        Assert.False(NtStatusTable.TryMap((FsError)9999, out _));
        Assert.Equal(NtStatus.IoDeviceError, NtStatusTable.FromError((FsError)9999));
    }
}
