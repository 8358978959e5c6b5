using System;
using System.Runtime.InteropServices;

namespace VIToolkit.Core.Interop;

internal static unsafe partial class NativeMethods
{
    public const int VIR_DOMAIN_METADATA_DESCRIPTION = 0;
    public const int VIR_UUID_STRING_BUFLEN = 37;

    [LibraryImport(Libraries.Libvirt)]
    public static partial int virConnectListAllDomains(ConnectHandle conn, out IntPtr* domains, uint flags);

    [LibraryImport(Libraries.Libvirt, StringMarshalling = StringMarshalling.Utf8)]
    public static partial DomainHandle virDomainLookupByName(ConnectHandle conn, string name);

    [LibraryImport(Libraries.Libvirt, StringMarshalling = StringMarshalling.Utf8)]
    public static partial DomainHandle virDomainLookupByUUIDString(ConnectHandle conn, string uuid);

    [LibraryImport(Libraries.Libvirt)]
    public static partial int virDomainFree(IntPtr domain);

    [LibraryImport(Libraries.Libvirt)]
    public static partial IntPtr virDomainGetName(DomainHandle domain);

    [LibraryImport(Libraries.Libvirt)]
    public static partial int virDomainGetUUIDString(DomainHandle domain, byte* buf);

    [LibraryImport(Libraries.Libvirt)]
    public static partial int virDomainGetInfo(DomainHandle domain, DomainInfo* info);

    [LibraryImport(Libraries.Libvirt)]
    public static partial IntPtr virDomainGetMetadata(DomainHandle domain, int type, IntPtr uri, uint flags);

    [LibraryImport(Libraries.Libvirt)]
    public static partial int virDomainHasManagedSaveImage(DomainHandle domain, uint flags);

    [LibraryImport(Libraries.Libvirt)]
    public static partial int virDomainIsPersistent(DomainHandle domain);

    [LibraryImport(Libraries.Libvirt)]
    public static partial IntPtr virDomainGetXMLDesc(DomainHandle domain, uint flags);
}

/// <summary><c>virDomainInfo</c> (40 bytes on x86-64).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct DomainInfo
{
    public byte State;
    public ulong MaxMemKiB;
    public ulong MemoryKiB;
    public ushort VirtCpuCount;
    public ulong CpuTimeNs;
}
