using System;
using System.Runtime.InteropServices;

namespace VIToolkit.Core.Interop;

internal static unsafe partial class NativeMethods
{
    public const uint VIR_DOMAIN_AFFECT_LIVE = 1;
    public const uint VIR_DOMAIN_AFFECT_CONFIG = 2;
    public const uint VIR_DOMAIN_MEM_MAXIMUM = 4;
    public const uint VIR_DOMAIN_VCPU_MAXIMUM = 4;
    public const uint VIR_DOMAIN_XML_INACTIVE = 2;
    public const uint VIR_DOMAIN_DEFINE_VALIDATE = 1;
    public const uint VIR_DOMAIN_UNDEFINE_MANAGED_SAVE = 1;
    public const uint VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA = 2;
    public const uint VIR_DOMAIN_UNDEFINE_NVRAM = 4;
    public const uint VIR_DOMAIN_UNDEFINE_CHECKPOINTS_METADATA = 16;
    public const uint VIR_DOMAIN_SNAPSHOT_REVERT_FORCE = 4;

    [LibraryImport(Libraries.Libvirt)]
    public static partial int virDomainCreate(DomainHandle domain);

    [LibraryImport(Libraries.Libvirt)]
    public static partial int virDomainManagedSave(DomainHandle domain, uint flags);

    [LibraryImport(Libraries.Libvirt)]
    public static partial int virDomainManagedSaveRemove(DomainHandle domain, uint flags);

    [LibraryImport(Libraries.Libvirt)]
    public static partial int virDomainPMWakeup(DomainHandle domain, uint flags);

    [LibraryImport(Libraries.Libvirt)]
    public static partial int virDomainResume(DomainHandle domain);

    [LibraryImport(Libraries.Libvirt)]
    public static partial int virDomainSuspend(DomainHandle domain);

    [LibraryImport(Libraries.Libvirt)]
    public static partial int virDomainShutdown(DomainHandle domain);

    [LibraryImport(Libraries.Libvirt)]
    public static partial int virDomainDestroy(DomainHandle domain);

    [LibraryImport(Libraries.Libvirt)]
    public static partial int virDomainReboot(DomainHandle domain, uint flags);

    [LibraryImport(Libraries.Libvirt)]
    public static partial int virDomainReset(DomainHandle domain, uint flags);

    [LibraryImport(Libraries.Libvirt, StringMarshalling = StringMarshalling.Utf8)]
    public static partial DomainHandle virDomainDefineXMLFlags(ConnectHandle conn, string xml, uint flags);

    [LibraryImport(Libraries.Libvirt)]
    public static partial int virDomainUndefineFlags(DomainHandle domain, uint flags);

    [LibraryImport(Libraries.Libvirt)]
    public static partial int virDomainSetMemoryFlags(DomainHandle domain, ulong memoryKiB, uint flags);

    [LibraryImport(Libraries.Libvirt)]
    public static partial int virDomainSetVcpusFlags(DomainHandle domain, uint count, uint flags);

    [LibraryImport(Libraries.Libvirt, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int virDomainSetMetadata(DomainHandle domain, int type, string? metadata, string? key, string? uri, uint flags);

    [LibraryImport(Libraries.Libvirt, StringMarshalling = StringMarshalling.Utf8)]
    public static partial SnapshotHandle virDomainSnapshotCreateXML(DomainHandle domain, string xml, uint flags);

    [LibraryImport(Libraries.Libvirt)]
    public static partial int virDomainListAllSnapshots(DomainHandle domain, out IntPtr* snapshots, uint flags);

    [LibraryImport(Libraries.Libvirt, StringMarshalling = StringMarshalling.Utf8)]
    public static partial SnapshotHandle virDomainSnapshotLookupByName(DomainHandle domain, string name, uint flags);

    [LibraryImport(Libraries.Libvirt)]
    public static partial IntPtr virDomainSnapshotGetXMLDesc(SnapshotHandle snapshot, uint flags);

    [LibraryImport(Libraries.Libvirt)]
    public static partial int virDomainSnapshotIsCurrent(SnapshotHandle snapshot, uint flags);

    [LibraryImport(Libraries.Libvirt)]
    public static partial int virDomainRevertToSnapshot(SnapshotHandle snapshot, uint flags);

    [LibraryImport(Libraries.Libvirt)]
    public static partial int virDomainSnapshotDelete(SnapshotHandle snapshot, uint flags);

    [LibraryImport(Libraries.Libvirt)]
    public static partial int virDomainSnapshotFree(IntPtr snapshot);

    [LibraryImport(Libraries.Libvirt, StringMarshalling = StringMarshalling.Utf8)]
    public static partial StoragePoolHandle virStoragePoolLookupByName(ConnectHandle conn, string name);

    [LibraryImport(Libraries.Libvirt, StringMarshalling = StringMarshalling.Utf8)]
    public static partial StorageVolumeHandle virStorageVolCreateXML(StoragePoolHandle pool, string xml, uint flags);

    [LibraryImport(Libraries.Libvirt, StringMarshalling = StringMarshalling.Utf8)]
    public static partial StorageVolumeHandle virStorageVolLookupByPath(ConnectHandle conn, string path);

    [LibraryImport(Libraries.Libvirt)]
    public static partial IntPtr virStorageVolGetPath(StorageVolumeHandle volume);

    [LibraryImport(Libraries.Libvirt)]
    public static partial int virStorageVolDelete(StorageVolumeHandle volume, uint flags);

    [LibraryImport(Libraries.Libvirt)]
    public static partial int virStorageVolFree(IntPtr volume);

    [LibraryImport(Libraries.Libvirt, StringMarshalling = StringMarshalling.Utf8)]
    public static partial NetworkHandle virNetworkLookupByName(ConnectHandle conn, string name);

    [LibraryImport(Libraries.Libvirt)]
    public static partial int virStoragePoolRefresh(StoragePoolHandle pool, uint flags);
}
