using System;
using System.Runtime.InteropServices;

namespace VIToolkit.Core.Interop;

internal static unsafe partial class NativeMethods
{
    public const uint VIR_MIGRATE_LIVE = 1 << 0;
    public const uint VIR_MIGRATE_PEER2PEER = 1 << 1;
    public const uint VIR_MIGRATE_PERSIST_DEST = 1 << 3;
    public const uint VIR_MIGRATE_UNDEFINE_SOURCE = 1 << 4;
    public const uint VIR_MIGRATE_CHANGE_PROTECTION = 1 << 8;
    public const uint VIR_MIGRATE_ABORT_ON_ERROR = 1 << 12;

    public const uint VIR_DOMAIN_JOB_STATS_COMPLETED = 1 << 0;

    [LibraryImport(Libraries.Libvirt, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int virDomainMigrateToURI3(DomainHandle domain, string dconnuri, IntPtr parameters, int nparams, uint flags);

    [LibraryImport(Libraries.Libvirt)]
    public static partial int virDomainGetJobInfo(DomainHandle domain, DomainJobInfo* info);

    [LibraryImport(Libraries.Libvirt)]
    public static partial int virDomainGetJobStats(DomainHandle domain, int* type, IntPtr* parameters, int* nparams, uint flags);

    [LibraryImport(Libraries.Libvirt)]
    public static partial int virDomainAbortJob(DomainHandle domain);

    [LibraryImport(Libraries.Libvirt, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int virTypedParamsAddString(IntPtr* parameters, int* nparams, int* maxparams, string name, string value);

    [LibraryImport(Libraries.Libvirt, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int virTypedParamsGetULLong(IntPtr parameters, int nparams, string name, ulong* value);

    [LibraryImport(Libraries.Libvirt)]
    public static partial void virTypedParamsFree(IntPtr parameters, int nparams);
}

/// <summary><c>virDomainJobInfo</c>: the job type, then eleven unsigned longs (96 bytes on x86-64).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct DomainJobInfo
{
    public int Type;
    public ulong TimeElapsedMs;
    public ulong TimeRemainingMs;
    public ulong DataTotal;
    public ulong DataProcessed;
    public ulong DataRemaining;
    public ulong MemTotal;
    public ulong MemProcessed;
    public ulong MemRemaining;
    public ulong FileTotal;
    public ulong FileProcessed;
    public ulong FileRemaining;
}
