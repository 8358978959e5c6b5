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
    public static partial IntPtr virDomainGetXMLDesc(DomainHandle domain, uint flags);

    // Raw-pointer forms for bulk listings: the array's domains are read and freed in one pass, so a SafeHandle
    // (a finalizable object and two reference-count round trips per call) per listed domain buys nothing.
    [LibraryImport(Libraries.Libvirt, EntryPoint = "virDomainGetName")]
    public static partial IntPtr virDomainGetNameRaw(IntPtr domain);

    [LibraryImport(Libraries.Libvirt, EntryPoint = "virDomainGetUUIDString")]
    public static partial int virDomainGetUUIDStringRaw(IntPtr domain, byte* buf);

    [LibraryImport(Libraries.Libvirt, EntryPoint = "virDomainGetInfo")]
    public static partial int virDomainGetInfoRaw(IntPtr domain, DomainInfo* info);

    [LibraryImport(Libraries.Libvirt, EntryPoint = "virDomainGetMetadata")]
    public static partial IntPtr virDomainGetMetadataRaw(IntPtr domain, int type, IntPtr uri, uint flags);

    [LibraryImport(Libraries.Libvirt, EntryPoint = "virDomainHasManagedSaveImage")]
    public static partial int virDomainHasManagedSaveImageRaw(IntPtr domain, uint flags);

    [LibraryImport(Libraries.Libvirt, EntryPoint = "virDomainIsPersistent")]
    public static partial int virDomainIsPersistentRaw(IntPtr domain);
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
