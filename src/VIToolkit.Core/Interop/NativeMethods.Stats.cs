using System;
using System.Runtime.InteropServices;

namespace VIToolkit.Core.Interop;

internal static unsafe partial class NativeMethods
{
    public const uint VIR_CONNECT_LIST_DOMAINS_TRANSIENT = 1 << 3;
    public const uint VIR_CONNECT_LIST_DOMAINS_MANAGEDSAVE = 1 << 8;

    public const uint VIR_DOMAIN_STATS_STATE = 1 << 0;
    public const uint VIR_DOMAIN_STATS_BALLOON = 1 << 2;
    public const uint VIR_DOMAIN_STATS_VCPU = 1 << 3;

    /// <summary>The domain's id: -1 (as unsigned) when it is not running. Kept in the handle: no round trip.</summary>
    [LibraryImport(Libraries.Libvirt, EntryPoint = "virDomainGetID")]
    public static partial uint virDomainGetIDRaw(IntPtr domain);

    /// <param name="domains">A NULL-terminated array of domains of one connection.</param>
    [LibraryImport(Libraries.Libvirt)]
    public static partial int virDomainListGetStats(IntPtr* domains, uint stats, DomainStatsRecord*** records, uint flags);

    [LibraryImport(Libraries.Libvirt)]
    public static partial void virDomainStatsRecordListFree(DomainStatsRecord** records);

    [LibraryImport(Libraries.Libvirt, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int virTypedParamsGetInt(IntPtr parameters, int nparams, string name, int* value);

    [LibraryImport(Libraries.Libvirt, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int virTypedParamsGetUInt(IntPtr parameters, int nparams, string name, uint* value);
}

/// <summary><c>virDomainStatsRecord</c>: the domain, its typed parameters and their count (24 bytes on x86-64).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct DomainStatsRecord
{
    public IntPtr Domain;
    public IntPtr Parameters;
    public int Count;
}
