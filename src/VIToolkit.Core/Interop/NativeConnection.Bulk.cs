using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;

using VIToolkit.Core.Model;

namespace VIToolkit.Core.Interop;

internal sealed unsafe partial class NativeConnection
{
    /// <summary>
    /// Every domain of the host, or those whose names <paramref name="keep"/> accepts. Names and UUIDs are local to the
    /// handles of one listing (as is the id, -1 for an inactive domain), so names are filtered before anything else is
    /// read; then one listing each of the domains with a managed-save image and of the transient ones, one <c>virDomainListGetStats</c>
    /// for the state, memory and vCPUs of the kept inactive domains (read from their definitions), and one
    /// <c>virDomainGetInfo</c> per kept active domain. Active domains are kept out of the bulk statistics on purpose:
    /// their balloon and vCPU statistics ask each QEMU's monitor, so one QEMU that is stuck (or busy with an incoming
    /// migration) would hold up the whole listing, whereas <c>virDomainGetInfo</c> answers from libvirtd's own state.
    /// Descriptions cost one call per kept domain, so they are read only when asked for. Drivers whose statistics lack
    /// memory or vCPUs (the test driver reports only the state) are read with <c>virDomainGetInfo</c> as well.
    /// </summary>
    internal List<DomainRecord> ListDomains(Func<string, bool>? keep, bool withDescriptions)
    {
        int count = Libvirt.Check(NativeMethods.virConnectListAllDomains(_handle, out IntPtr* array, 0), "virConnectListAllDomains");
        var kept = new List<IntPtr>(count);
        try
        {
            for (int i = 0; i < count; i++)
            {
                if (keep is null || keep(Libvirt.PeekString(NativeMethods.virDomainGetNameRaw(array[i]), "virDomainGetName")))
                {
                    kept.Add(array[i]);
                }
            }
            if (kept.Count == 0)
            {
                return new List<DomainRecord>();
            }
            var managedSave = ListUuids(NativeMethods.VIR_CONNECT_LIST_DOMAINS_MANAGEDSAVE);
            var transient = ListUuids(NativeMethods.VIR_CONNECT_LIST_DOMAINS_TRANSIENT);
            byte* uuidText = stackalloc byte[NativeMethods.VIR_UUID_STRING_BUFLEN];
            var keptInactive = new List<IntPtr>(kept.Count);
            foreach (IntPtr domain in kept)
            {
                if (NativeMethods.virDomainGetIDRaw(domain) == uint.MaxValue)
                {
                    keptInactive.Add(domain);
                }
            }
            var figures = keptInactive.Count > 0 ? ReadStats(keptInactive) : new Dictionary<Guid, StatsFigures>();
            var records = new List<DomainRecord>(kept.Count);
            foreach (IntPtr domain in kept)
            {
                string name = Libvirt.PeekString(NativeMethods.virDomainGetNameRaw(domain), "virDomainGetName");
                Libvirt.Check(NativeMethods.virDomainGetUUIDStringRaw(domain, uuidText), "virDomainGetUUIDString");
                var uuid = Libvirt.ParseUuid(uuidText);
                if (!figures.TryGetValue(uuid, out var figure))
                {
                    DomainInfo info;
                    if (NativeMethods.virDomainGetInfoRaw(domain, &info) < 0)
                    {
                        var error = Libvirt.Fail("virDomainGetInfo");
                        if (error.Kind == ErrorKind.NotFound)
                        {
                            continue; // undefined since it was listed
                        }
                        throw error;
                    }
                    figure = new StatsFigures((DomainState)info.State, info.MaxMemKiB, info.MemoryKiB, info.VirtCpuCount);
                }
                string? description = withDescriptions ? ReadDescription(domain) : null;
                records.Add(new DomainRecord(name, uuid, figure.State, figure.MaxMemoryKiB, figure.MemoryKiB, figure.VirtualCpus,
                    description, managedSave.Contains(uuid), !transient.Contains(uuid)));
            }
            return records;
        }
        finally
        {
            for (int i = 0; i < count; i++)
            {
                NativeMethods.virDomainFree(array[i]);
            }
            NativeMemory.Free(array);
        }
    }

    private readonly record struct StatsFigures(DomainState State, ulong MaxMemoryKiB, ulong MemoryKiB, int VirtualCpus);

    /// <summary>State, memory and vCPUs by UUID for the domains whose statistics have all three; empty when the driver has none.</summary>
    private Dictionary<Guid, StatsFigures> ReadStats(List<IntPtr> domains)
    {
        var result = new Dictionary<Guid, StatsFigures>(domains.Count);
        IntPtr* list = (IntPtr*)NativeMemory.Alloc((nuint)(domains.Count + 1), (nuint)sizeof(IntPtr));
        DomainStatsRecord** records = null;
        try
        {
            for (int i = 0; i < domains.Count; i++)
            {
                list[i] = domains[i];
            }
            list[domains.Count] = IntPtr.Zero;
            int n = NativeMethods.virDomainListGetStats(list,
                NativeMethods.VIR_DOMAIN_STATS_STATE | NativeMethods.VIR_DOMAIN_STATS_BALLOON | NativeMethods.VIR_DOMAIN_STATS_VCPU, &records, 0);
            if (n < 0)
            {
                // Not supported, or a domain vanished between the listing and this call: read each one instead.
                NativeMethods.virResetLastError();
                return result;
            }
            byte* uuidText = stackalloc byte[NativeMethods.VIR_UUID_STRING_BUFLEN];
            for (int i = 0; i < n; i++)
            {
                var record = records[i];
                int state;
                ulong current, maximum;
                uint vcpus;
                if (NativeMethods.virTypedParamsGetInt(record->Parameters, record->Count, "state.state", &state) != 1
                    || NativeMethods.virTypedParamsGetULLong(record->Parameters, record->Count, "balloon.current", &current) != 1
                    || NativeMethods.virTypedParamsGetULLong(record->Parameters, record->Count, "balloon.maximum", &maximum) != 1
                    || NativeMethods.virTypedParamsGetUInt(record->Parameters, record->Count, "vcpu.current", &vcpus) != 1)
                {
                    continue; // this driver (or domain) lacks a figure: virDomainGetInfo has them all
                }
                if (NativeMethods.virDomainGetUUIDStringRaw(record->Domain, uuidText) == 0)
                {
                    result[Libvirt.ParseUuid(uuidText)] = new StatsFigures((DomainState)state, maximum, current, (int)vcpus);
                }
            }
            NativeMethods.virResetLastError();
            return result;
        }
        finally
        {
            if (records is not null)
            {
                NativeMethods.virDomainStatsRecordListFree(records);
            }
            NativeMemory.Free(list);
        }
    }

    private HashSet<Guid> ListUuids(uint flags)
    {
        int count = Libvirt.Check(NativeMethods.virConnectListAllDomains(_handle, out IntPtr* array, flags), "virConnectListAllDomains");
        var result = new HashSet<Guid>();
        byte* uuidText = stackalloc byte[NativeMethods.VIR_UUID_STRING_BUFLEN];
        try
        {
            for (int i = 0; i < count; i++)
            {
                if (NativeMethods.virDomainGetUUIDStringRaw(array[i], uuidText) == 0)
                {
                    result.Add(Libvirt.ParseUuid(uuidText));
                }
            }
        }
        finally
        {
            for (int i = 0; i < count; i++)
            {
                NativeMethods.virDomainFree(array[i]);
            }
            NativeMemory.Free(array);
        }
        return result;
    }

    private static string? ReadDescription(IntPtr domain)
    {
        IntPtr metadata = NativeMethods.virDomainGetMetadataRaw(domain, NativeMethods.VIR_DOMAIN_METADATA_DESCRIPTION, IntPtr.Zero, 0);
        if (metadata == IntPtr.Zero)
        {
            NativeMethods.virResetLastError(); // VIR_ERR_NO_DOMAIN_METADATA: the VM has no notes
            return null;
        }
        return Libvirt.TakeString(metadata, "virDomainGetMetadata");
    }
}
