using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using VIToolkit.Core.Model;

namespace VIToolkit.Core.Interop;

internal readonly record struct NetworkRecord(string Name, Guid Uuid, bool IsActive, string Xml);

internal readonly record struct StoragePoolRecord(
    string Name, Guid Uuid, int State, ulong CapacityBytes, ulong AllocationBytes, ulong AvailableBytes, string Xml);

internal sealed unsafe partial class NativeConnection
{
    /// <summary>Every domain of the host, with its description.</summary>
    internal List<DomainRecord> ListDomains() => ListDomains(keep: null, withDescriptions: true);

    /// <summary>One exact, case-sensitive lookup; null when the host has no such domain.</summary>
    internal DomainRecord? FindDomainByName(string name)
    {
        if (name.Contains('\0', StringComparison.Ordinal))
        {
            return null; // C strings end at NUL: libvirt would look up a shorter name. No domain has one.
        }
        using var domain = NativeMethods.virDomainLookupByName(_handle, name);
        return domain.IsInvalid ? NotFoundOrThrow("virDomainLookupByName") : ReadDomain(domain);
    }

    internal DomainRecord? FindDomainByUuid(Guid uuid)
    {
        using var domain = NativeMethods.virDomainLookupByUUIDString(_handle, uuid.ToString("D"));
        return domain.IsInvalid ? NotFoundOrThrow("virDomainLookupByUUIDString") : ReadDomain(domain);
    }

    private static DomainRecord? NotFoundOrThrow(string operation)
    {
        var error = Libvirt.Fail(operation);
        return error.Kind == ErrorKind.NotFound ? null : throw error;
    }

    private static DomainRecord ReadDomain(DomainHandle domain)
    {
        bool added = false;
        try
        {
            domain.DangerousAddRef(ref added);
            return ReadDomain(domain.DangerousGetHandle());
        }
        finally
        {
            if (added)
            {
                domain.DangerousRelease();
            }
        }
    }

    private static DomainRecord ReadDomain(IntPtr domain)
    {
        string name = Libvirt.PeekString(NativeMethods.virDomainGetNameRaw(domain), "virDomainGetName");
        byte* uuid = stackalloc byte[NativeMethods.VIR_UUID_STRING_BUFLEN];
        Libvirt.Check(NativeMethods.virDomainGetUUIDStringRaw(domain, uuid), "virDomainGetUUIDString");
        DomainInfo info;
        Libvirt.Check(NativeMethods.virDomainGetInfoRaw(domain, &info), "virDomainGetInfo");
        var state = (DomainState)info.State;

        string? description = null;
        IntPtr metadata = NativeMethods.virDomainGetMetadataRaw(domain, NativeMethods.VIR_DOMAIN_METADATA_DESCRIPTION, IntPtr.Zero, 0);
        if (metadata == IntPtr.Zero)
        {
            NativeMethods.virResetLastError(); // VIR_ERR_NO_DOMAIN_METADATA: the VM has no notes.
        }
        else
        {
            description = Libvirt.TakeString(metadata, "virDomainGetMetadata");
        }

        // A shut-off domain with a managed-save image is what PowerCLI calls Suspended.
        bool managedSave = state == DomainState.ShutOff && NativeMethods.virDomainHasManagedSaveImageRaw(domain, 0) == 1;
        bool persistent = NativeMethods.virDomainIsPersistentRaw(domain) != 0;
        NativeMethods.virResetLastError();

        return new DomainRecord(name, Libvirt.ParseUuid(uuid), state, info.MaxMemKiB, info.MemoryKiB,
            info.VirtCpuCount, description, managedSave, persistent);
    }

    internal List<NetworkRecord> ListNetworks()
    {
        int count = Libvirt.Check(NativeMethods.virConnectListAllNetworks(_handle, out IntPtr* array, 0), "virConnectListAllNetworks");
        var handles = Libvirt.TakeArray(array, count, static p => new NetworkHandle(p));
        var records = new List<NetworkRecord>(count);
        byte* uuid = stackalloc byte[NativeMethods.VIR_UUID_STRING_BUFLEN];
        try
        {
            foreach (var network in handles)
            {
                string name = Libvirt.PeekString(NativeMethods.virNetworkGetName(network), "virNetworkGetName");
                Libvirt.Check(NativeMethods.virNetworkGetUUIDString(network, uuid), "virNetworkGetUUIDString");
                bool active = Libvirt.Check(NativeMethods.virNetworkIsActive(network), "virNetworkIsActive") == 1;
                string xml = Libvirt.TakeString(NativeMethods.virNetworkGetXMLDesc(network, 0), "virNetworkGetXMLDesc");
                records.Add(new NetworkRecord(name, Libvirt.ParseUuid(uuid), active, xml));
            }
        }
        finally
        {
            foreach (var network in handles)
            {
                network.Dispose();
            }
        }
        return records;
    }

    internal List<StoragePoolRecord> ListStoragePools()
    {
        int count = Libvirt.Check(NativeMethods.virConnectListAllStoragePools(_handle, out IntPtr* array, 0), "virConnectListAllStoragePools");
        var handles = Libvirt.TakeArray(array, count, static p => new StoragePoolHandle(p));
        var records = new List<StoragePoolRecord>(count);
        byte* uuid = stackalloc byte[NativeMethods.VIR_UUID_STRING_BUFLEN];
        try
        {
            foreach (var pool in handles)
            {
                string name = Libvirt.PeekString(NativeMethods.virStoragePoolGetName(pool), "virStoragePoolGetName");
                Libvirt.Check(NativeMethods.virStoragePoolGetUUIDString(pool, uuid), "virStoragePoolGetUUIDString");
                StoragePoolInfo info;
                Libvirt.Check(NativeMethods.virStoragePoolGetInfo(pool, &info), "virStoragePoolGetInfo");
                string xml = Libvirt.TakeString(NativeMethods.virStoragePoolGetXMLDesc(pool, 0), "virStoragePoolGetXMLDesc");
                records.Add(new StoragePoolRecord(name, Libvirt.ParseUuid(uuid), info.State, info.CapacityBytes,
                    info.AllocationBytes, info.AvailableBytes, xml));
            }
        }
        finally
        {
            foreach (var pool in handles)
            {
                pool.Dispose();
            }
        }
        return records;
    }
}
