using System;
using System.Collections.Generic;
using System.Xml.Linq;
using VIToolkit.Core.Model;

namespace VIToolkit.Core.Interop;

/// <summary>A snapshot as libvirt describes it.</summary>
internal readonly record struct SnapshotRecord(string Name, string? Description, DateTime? CreatedUtc, string? State, string? Parent, bool IsCurrent);

internal sealed unsafe partial class NativeConnection
{
    /// <summary>Opens the domain by UUID; a missing domain is <c>VMNotFound</c>.</summary>
    private DomainHandle OpenDomain(Guid uuid)
    {
        var domain = NativeMethods.virDomainLookupByUUIDString(_handle, uuid.ToString("D"));
        if (!domain.IsInvalid)
        {
            return domain;
        }
        domain.Dispose();
        var error = Libvirt.Fail("virDomainLookupByUUIDString");
        throw error.Kind == ErrorKind.NotFound
            ? new ObjectNotFoundException("VMNotFound", $"The VM with Id {uuid:D} no longer exists on this host.", uuid) { Libvirt = error.Libvirt }
            : error;
    }

    // Power actions: each returns the domain as it is afterwards.
    internal DomainRecord CreateDomain(Guid uuid) => Act(uuid, "virDomainCreate", NativeMethods.virDomainCreate);

    internal DomainRecord DestroyDomain(Guid uuid) => Act(uuid, "virDomainDestroy", NativeMethods.virDomainDestroy);

    internal DomainRecord SuspendDomain(Guid uuid) => Act(uuid, "virDomainSuspend", NativeMethods.virDomainSuspend);

    internal DomainRecord ResumeDomain(Guid uuid) => Act(uuid, "virDomainResume", NativeMethods.virDomainResume);

    internal DomainRecord WakeupDomain(Guid uuid) => Act(uuid, "virDomainPMWakeup", d => NativeMethods.virDomainPMWakeup(d, 0));

    internal DomainRecord ManagedSaveDomain(Guid uuid) => Act(uuid, "virDomainManagedSave", d => NativeMethods.virDomainManagedSave(d, 0));

    internal DomainRecord RemoveManagedSave(Guid uuid) => Act(uuid, "virDomainManagedSaveRemove", d => NativeMethods.virDomainManagedSaveRemove(d, 0));

    internal DomainRecord ResetDomain(Guid uuid) => Act(uuid, "virDomainReset", d => NativeMethods.virDomainReset(d, 0));

    internal DomainRecord RebootDomain(Guid uuid) => Act(uuid, "virDomainReboot", d => NativeMethods.virDomainReboot(d, 0));

    internal DomainRecord ShutdownDomain(Guid uuid) => Act(uuid, "virDomainShutdown", NativeMethods.virDomainShutdown);

    private DomainRecord Act(Guid uuid, string operation, Func<DomainHandle, int> action)
    {
        using var domain = OpenDomain(uuid);
        Libvirt.Check(action(domain), operation);
        return ReadDomain(domain);
    }

    internal DomainRecord ReadDomain(Guid uuid)
    {
        using var domain = OpenDomain(uuid);
        return ReadDomain(domain);
    }

    internal string GetDomainXml(Guid uuid, bool inactive)
    {
        using var domain = OpenDomain(uuid);
        return Libvirt.TakeString(NativeMethods.virDomainGetXMLDesc(domain, inactive ? NativeMethods.VIR_DOMAIN_XML_INACTIVE : 0), "virDomainGetXMLDesc");
    }

    /// <summary>Defines (persistently) a domain from XML.</summary>
    internal DomainRecord DefineDomain(string xml)
    {
        using var domain = Libvirt.Check(NativeMethods.virDomainDefineXMLFlags(_handle, xml, 0), "virDomainDefineXMLFlags");
        return ReadDomain(domain);
    }

    /// <summary>Removes the domain's definition with its managed-save image, snapshot and checkpoint metadata and NVRAM.</summary>
    internal void UndefineDomain(Guid uuid)
    {
        using var domain = OpenDomain(uuid);
        const uint everything = NativeMethods.VIR_DOMAIN_UNDEFINE_MANAGED_SAVE | NativeMethods.VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA
            | NativeMethods.VIR_DOMAIN_UNDEFINE_NVRAM | NativeMethods.VIR_DOMAIN_UNDEFINE_CHECKPOINTS_METADATA;
        if (NativeMethods.virDomainUndefineFlags(domain, everything) < 0)
        {
            // Drivers without NVRAM or checkpoints refuse those flags; the plain form still removes what exists.
            var first = Libvirt.Fail("virDomainUndefineFlags");
            if (first.Kind is not (ErrorKind.NotSupported or ErrorKind.InvalidArgument))
            {
                throw first;
            }
            Libvirt.Check(NativeMethods.virDomainUndefineFlags(domain, NativeMethods.VIR_DOMAIN_UNDEFINE_MANAGED_SAVE | NativeMethods.VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA), "virDomainUndefineFlags");
        }
    }

    internal void SetDescription(Guid uuid, string? text, bool live)
    {
        using var domain = OpenDomain(uuid);
        string? value = string.IsNullOrEmpty(text) ? null : text;
        ApplyToConfigAndLive(live, "virDomainSetMetadata",
            flags => NativeMethods.virDomainSetMetadata(domain, NativeMethods.VIR_DOMAIN_METADATA_DESCRIPTION, value, null, null, flags));
    }

    internal void SetMemory(Guid uuid, ulong kib, bool maximum, bool live)
    {
        using var domain = OpenDomain(uuid);
        uint extra = maximum ? NativeMethods.VIR_DOMAIN_MEM_MAXIMUM : 0;
        ApplyToConfigAndLive(live, "virDomainSetMemoryFlags", flags => NativeMethods.virDomainSetMemoryFlags(domain, kib, flags | extra));
    }

    internal void SetVcpus(Guid uuid, uint count, bool maximum, bool live)
    {
        using var domain = OpenDomain(uuid);
        uint extra = maximum ? NativeMethods.VIR_DOMAIN_VCPU_MAXIMUM : 0;
        ApplyToConfigAndLive(live, "virDomainSetVcpusFlags", flags => NativeMethods.virDomainSetVcpusFlags(domain, count, flags | extra));
    }

    /// <summary>
    /// Changes the persistent definition and, for a running domain, the live one too. Drivers that refuse both flags
    /// at once (the test driver) get the two changes one after the other.
    /// </summary>
    private static void ApplyToConfigAndLive(bool live, string operation, Func<uint, int> call)
    {
        if (!live)
        {
            Libvirt.Check(call(NativeMethods.VIR_DOMAIN_AFFECT_CONFIG), operation);
            return;
        }
        if (call(NativeMethods.VIR_DOMAIN_AFFECT_LIVE | NativeMethods.VIR_DOMAIN_AFFECT_CONFIG) >= 0)
        {
            return;
        }
        var both = Libvirt.Fail(operation);
        if (both.Libvirt?.Code != 8) // VIR_ERR_INVALID_ARG: "flags … are mutually exclusive"
        {
            throw both;
        }
        Libvirt.Check(call(NativeMethods.VIR_DOMAIN_AFFECT_LIVE), operation);
        Libvirt.Check(call(NativeMethods.VIR_DOMAIN_AFFECT_CONFIG), operation);
    }

    internal SnapshotRecord CreateSnapshot(Guid uuid, string xml)
    {
        using var domain = OpenDomain(uuid);
        using var snapshot = Libvirt.Check(NativeMethods.virDomainSnapshotCreateXML(domain, xml, 0), "virDomainSnapshotCreateXML");
        return ReadSnapshot(snapshot);
    }

    internal List<SnapshotRecord> ListSnapshots(Guid uuid)
    {
        using var domain = OpenDomain(uuid);
        int count = Libvirt.Check(NativeMethods.virDomainListAllSnapshots(domain, out IntPtr* array, 0), "virDomainListAllSnapshots");
        var handles = Libvirt.TakeArray(array, count, static p => new SnapshotHandle(p));
        var records = new List<SnapshotRecord>(count);
        try
        {
            foreach (var snapshot in handles)
            {
                records.Add(ReadSnapshot(snapshot));
            }
        }
        finally
        {
            foreach (var snapshot in handles)
            {
                snapshot.Dispose();
            }
        }
        return records;
    }

    /// <summary>Reverts to the named snapshot (forcing where libvirt asks for it) and returns the domain afterwards.</summary>
    internal DomainRecord RevertToSnapshot(Guid uuid, string name)
    {
        using var domain = OpenDomain(uuid);
        using var snapshot = LookupSnapshot(domain, uuid, name);
        if (NativeMethods.virDomainRevertToSnapshot(snapshot, 0) < 0)
        {
            var error = Libvirt.Fail("virDomainRevertToSnapshot");
            // 77 = SNAPSHOT_REVERT_RISKY: libvirt wants FORCE to revert across a config change.
            if (error.Libvirt?.Code != 77)
            {
                throw error;
            }
            Libvirt.Check(NativeMethods.virDomainRevertToSnapshot(snapshot, NativeMethods.VIR_DOMAIN_SNAPSHOT_REVERT_FORCE), "virDomainRevertToSnapshot");
        }
        return ReadDomain(domain);
    }

    internal void DeleteSnapshot(Guid uuid, string name, bool withChildren)
    {
        using var domain = OpenDomain(uuid);
        using var snapshot = LookupSnapshot(domain, uuid, name);
        Libvirt.Check(NativeMethods.virDomainSnapshotDelete(snapshot, withChildren ? 1u : 0u), "virDomainSnapshotDelete");
    }

    private static SnapshotHandle LookupSnapshot(DomainHandle domain, Guid uuid, string name)
    {
        var snapshot = NativeMethods.virDomainSnapshotLookupByName(domain, name, 0);
        if (!snapshot.IsInvalid)
        {
            return snapshot;
        }
        snapshot.Dispose();
        var error = Libvirt.Fail("virDomainSnapshotLookupByName");
        throw error.Kind == ErrorKind.NotFound
            ? new ObjectNotFoundException("SnapshotNotFound", $"The VM has no snapshot named '{MessageText.Input(name)}'.", name) { Libvirt = error.Libvirt }
            : error;
    }

    private static SnapshotRecord ReadSnapshot(SnapshotHandle snapshot)
    {
        var xml = XDocument.Parse(Libvirt.TakeString(NativeMethods.virDomainSnapshotGetXMLDesc(snapshot, 0), "virDomainSnapshotGetXMLDesc")).Root!;
        DateTime? created = long.TryParse(xml.Element("creationTime")?.Value, out long seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime
            : null;
        bool current = NativeMethods.virDomainSnapshotIsCurrent(snapshot, 0) == 1;
        NativeMethods.virResetLastError();
        return new SnapshotRecord(xml.Element("name")?.Value ?? string.Empty, xml.Element("description")?.Value, created,
            xml.Element("state")?.Value, xml.Element("parent")?.Element("name")?.Value, current);
    }

    internal bool NetworkExists(string name)
    {
        using var network = NativeMethods.virNetworkLookupByName(_handle, name);
        if (!network.IsInvalid)
        {
            return true;
        }
        var error = Libvirt.Fail("virNetworkLookupByName");
        return error.Kind == ErrorKind.NotFound ? false : throw error;
    }

    /// <summary>The pool's XML, or null when the host has no pool of that name.</summary>
    internal string? FindStoragePoolXml(string name)
    {
        using var pool = NativeMethods.virStoragePoolLookupByName(_handle, name);
        if (pool.IsInvalid)
        {
            var error = Libvirt.Fail("virStoragePoolLookupByName");
            return error.Kind == ErrorKind.NotFound ? null : throw error;
        }
        return Libvirt.TakeString(NativeMethods.virStoragePoolGetXMLDesc(pool, 0), "virStoragePoolGetXMLDesc");
    }

    /// <summary>Creates a volume in the named pool and returns its path.</summary>
    internal string CreateVolume(string poolName, string xml)
    {
        using var pool = Libvirt.Check(NativeMethods.virStoragePoolLookupByName(_handle, poolName), "virStoragePoolLookupByName");
        using var volume = Libvirt.Check(NativeMethods.virStorageVolCreateXML(pool, xml, 0), "virStorageVolCreateXML");
        return Libvirt.TakeString(NativeMethods.virStorageVolGetPath(volume), "virStorageVolGetPath");
    }

    /// <summary>True when a pool of the host has a volume at <paramref name="path"/>.</summary>
    internal bool VolumeExists(string path)
    {
        using var volume = NativeMethods.virStorageVolLookupByPath(_handle, path);
        if (volume.IsInvalid)
        {
            var error = Libvirt.Fail("virStorageVolLookupByPath");
            return error.Kind == ErrorKind.NotFound ? false : throw error;
        }
        return true;
    }

    /// <summary>Makes the pool read its storage again (files another host of a shared store wrote).</summary>
    internal void RefreshPool(string poolName)
    {
        using var pool = Libvirt.Check(NativeMethods.virStoragePoolLookupByName(_handle, poolName), "virStoragePoolLookupByName");
        Libvirt.Check(NativeMethods.virStoragePoolRefresh(pool, 0), "virStoragePoolRefresh");
    }

    /// <summary>Deletes the volume at <paramref name="path"/>; false when no pool of the host knows that path.</summary>
    internal bool DeleteVolume(string path)
    {
        using var volume = NativeMethods.virStorageVolLookupByPath(_handle, path);
        if (volume.IsInvalid)
        {
            var error = Libvirt.Fail("virStorageVolLookupByPath");
            return error.Kind == ErrorKind.NotFound ? false : throw error;
        }
        Libvirt.Check(NativeMethods.virStorageVolDelete(volume, 0), "virStorageVolDelete");
        return true;
    }
}
