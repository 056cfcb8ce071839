using System.Buffers.Binary;

namespace GatewayFs.Fs.Windows;

/// <summary>
/// Builds self-relative security descriptors in managed code, so the adapter needs no Win32
/// security API and the bytes can be checked on Linux. gatewayfs does not map POSIX owners
/// and modes to Windows ACLs: every node reports the same descriptor (owner and group
/// BUILTIN\Administrators, full access for SYSTEM, Administrators and Everyone, as the
/// SDDL <c>O:BAG:BAD:P(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)(A;OICI;FA;;;WD)</c>); the read-only
/// attribute carries the write bits.
/// </summary>
public static class SecurityDescriptors
{
    private const ushort SelfRelative = 0x8000;
    private const ushort DaclPresent = 0x0004;
    private const ushort DaclProtected = 0x1000;
    private const byte AccessAllowedAce = 0;
    private const byte ObjectAndContainerInherit = 0x3;

    /// <summary>SYSTEM.</summary>
    public const string LocalSystem = "S-1-5-18";
    /// <summary>BUILTIN\Administrators.</summary>
    public const string Administrators = "S-1-5-32-544";
    /// <summary>Everyone.</summary>
    public const string Everyone = "S-1-1-0";

    /// <summary>The descriptor every node reports (see the type's remarks).</summary>
    public static byte[] Default { get; } = Build(Administrators, Administrators,
        [(LocalSystem, 0x1F01FF), (Administrators, 0x1F01FF), (Everyone, 0x1F01FF)]);

    /// <summary>A self-relative descriptor with a protected DACL of inheritable allow entries.</summary>
    public static byte[] Build(string owner, string group, IReadOnlyList<(string Sid, uint Mask)> allow)
    {
        byte[] ownerSid = Sid(owner), groupSid = Sid(group);
        var aceSids = allow.Select(a => Sid(a.Sid)).ToArray();
        int aclSize = 8 + aceSids.Sum(s => 8 + s.Length);
        const int header = 20;
        var sd = new byte[header + ownerSid.Length + groupSid.Length + aclSize];
        var span = sd.AsSpan();
        span[0] = 1; // revision
        BinaryPrimitives.WriteUInt16LittleEndian(span[2..], SelfRelative | DaclPresent | DaclProtected);
        int ownerAt = header, groupAt = ownerAt + ownerSid.Length, daclAt = groupAt + groupSid.Length;
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], ownerAt);
        BinaryPrimitives.WriteInt32LittleEndian(span[8..], groupAt);
        BinaryPrimitives.WriteInt32LittleEndian(span[12..], 0); // no SACL
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], daclAt);
        ownerSid.CopyTo(span[ownerAt..]);
        groupSid.CopyTo(span[groupAt..]);

        var acl = span[daclAt..];
        acl[0] = 2; // ACL_REVISION
        BinaryPrimitives.WriteUInt16LittleEndian(acl[2..], (ushort)aclSize);
        BinaryPrimitives.WriteUInt16LittleEndian(acl[4..], (ushort)aceSids.Length);
        int at = 8;
        for (int i = 0; i < aceSids.Length; i++)
        {
            var ace = acl[at..];
            ace[0] = AccessAllowedAce;
            ace[1] = ObjectAndContainerInherit;
            BinaryPrimitives.WriteUInt16LittleEndian(ace[2..], (ushort)(8 + aceSids[i].Length));
            BinaryPrimitives.WriteUInt32LittleEndian(ace[4..], allow[i].Mask);
            aceSids[i].CopyTo(ace[8..]);
            at += 8 + aceSids[i].Length;
        }
        return sd;
    }

    /// <summary>The binary form of a SID string such as <c>S-1-5-32-544</c>.</summary>
    public static byte[] Sid(string sid)
    {
        var parts = sid.Split('-');
        if (parts.Length < 3 || parts[0] != "S" || parts[1] != "1" || parts.Length > 3 + 15)
            throw new ArgumentException($"'{sid}' is not a SID string (S-1-authority-subauthority...)", nameof(sid));
        ulong authority = ulong.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture);
        int subCount = parts.Length - 3;
        var b = new byte[8 + 4 * subCount];
        b[0] = 1;
        b[1] = (byte)subCount;
        for (int i = 0; i < 6; i++) b[2 + i] = (byte)(authority >> (8 * (5 - i))); // big-endian 48-bit
        for (int i = 0; i < subCount; i++)
            BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(8 + 4 * i),
                uint.Parse(parts[3 + i], System.Globalization.CultureInfo.InvariantCulture));
        return b;
    }
}
