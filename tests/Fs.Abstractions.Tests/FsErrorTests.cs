using System.Runtime.InteropServices;
using GatewayFs.Fs;
using Xunit;

namespace GatewayFs.Tests.Fs.Abstractions;

/// <summary>FsError values are sent to the kernel as errnos: they must be Linux's numbers.</summary>
public class FsErrorTests
{
    // From linux/include/uapi/asm-generic/errno-base.h and errno.h (x86-64 and arm64 share them).
    public static TheoryData<FsError, int, string> Linux => new()
    {
        { FsError.NotPermitted, 1, "EPERM" }, { FsError.NotFound, 2, "ENOENT" }, { FsError.Io, 5, "EIO" },
        { FsError.BadHandle, 9, "EBADF" }, { FsError.TryAgain, 11, "EAGAIN" }, { FsError.OutOfMemory, 12, "ENOMEM" },
        { FsError.AccessDenied, 13, "EACCES" }, { FsError.Busy, 16, "EBUSY" }, { FsError.Exists, 17, "EEXIST" },
        { FsError.CrossDevice, 18, "EXDEV" }, { FsError.NotDirectory, 20, "ENOTDIR" }, { FsError.IsDirectory, 21, "EISDIR" },
        { FsError.InvalidArgument, 22, "EINVAL" }, { FsError.FileTooLarge, 27, "EFBIG" }, { FsError.NoSpace, 28, "ENOSPC" },
        { FsError.ReadOnly, 30, "EROFS" }, { FsError.TooManyLinks, 31, "EMLINK" }, { FsError.Range, 34, "ERANGE" },
        { FsError.NameTooLong, 36, "ENAMETOOLONG" }, { FsError.NotImplemented, 38, "ENOSYS" }, { FsError.NotEmpty, 39, "ENOTEMPTY" },
        { FsError.Loop, 40, "ELOOP" }, { FsError.NoData, 61, "ENODATA" }, { FsError.Overflow, 75, "EOVERFLOW" },
        { FsError.IllegalByteSequence, 84, "EILSEQ" },
        { FsError.NotSupported, 95, "EOPNOTSUPP" }, { FsError.TimedOut, 110, "ETIMEDOUT" }, { FsError.Stale, 116, "ESTALE" },
        { FsError.QuotaExceeded, 122, "EDQUOT" }, { FsError.Canceled, 125, "ECANCELED" },
    };

    [Theory, MemberData(nameof(Linux))]
    public void Each_error_is_its_Linux_errno(FsError error, int errno, string name)
    {
        Assert.True((int)error == errno, $"{error} should be {name} ({errno})");
    }

    [Fact]
    public void Every_error_is_in_the_table()
    {
        var listed = Linux.Select(row => (FsError)row[0]).ToHashSet();
        var missing = Enum.GetValues<FsError>().Where(e => !listed.Contains(e)).ToList();
        Assert.True(missing.Count == 0, $"not in the table: {string.Join(", ", missing)}");
    }

    [Fact]
    public void The_C_library_describes_the_numbers_as_the_names_say()
    {
        if (!OperatingSystem.IsLinux()) return; // strerror texts are glibc's
        Assert.Equal("No such file or directory", Marshal.GetPInvokeErrorMessage((int)FsError.NotFound));
        Assert.Equal("Directory not empty", Marshal.GetPInvokeErrorMessage((int)FsError.NotEmpty));
        Assert.Equal("File name too long", Marshal.GetPInvokeErrorMessage((int)FsError.NameTooLong));
        Assert.Equal("No data available", Marshal.GetPInvokeErrorMessage((int)FsError.NoData));
        Assert.Equal("Operation not supported", Marshal.GetPInvokeErrorMessage((int)FsError.NotSupported));
        Assert.Equal("Invalid or incomplete multibyte or wide character", Marshal.GetPInvokeErrorMessage((int)FsError.IllegalByteSequence));
    }

    [Fact]
    public void FsException_carries_the_error_and_a_message()
    {
        var plain = new FsException(FsError.Exists);
        Assert.Equal(FsError.Exists, plain.Error);
        Assert.Equal("Exists", plain.Message);
        var inner = new IOException("disk");
        var detailed = new FsException(FsError.Io, "upload failed", inner);
        Assert.Equal(FsError.Io, detailed.Error);
        Assert.Equal("upload failed", detailed.Message);
        Assert.Same(inner, detailed.InnerException);
    }
}
