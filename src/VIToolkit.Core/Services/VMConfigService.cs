using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Xml.Linq;
using VIToolkit.Core.Connections;
using VIToolkit.Core.Interop;
using VIToolkit.Core.Model;
using VIToolkit.Core.Provisioning;

namespace VIToolkit.Core.Services;

/// <summary>What Set-VM changes; null means "leave as it is".</summary>
public sealed class VMChange
{
    public long? MemoryMB { get; init; }

    public int? NumCpu { get; init; }

    /// <summary>New notes; an empty string clears them.</summary>
    public string? Notes { get; init; }

    public bool IsEmpty => MemoryMB is null && NumCpu is null && Notes is null;
}

/// <summary>What Remove-VM did.</summary>
/// <param name="DeletedDisks">Disk files deleted with the VM (only with DeletePermanently).</param>
/// <param name="KeptDisks">Disk files that are not volumes of any pool of the host, and so were left alone.</param>
public sealed record VMRemoval(VirtualMachine VM, IReadOnlyList<string> DeletedDisks, IReadOnlyList<string> KeptDisks);

/// <summary>Changes and removes VMs, and creates them (New-VM).</summary>
public static class VMConfigService
{
    /// <summary>
    /// Applies a change. A powered-off VM takes any size the host can hold; a running one can shrink memory
    /// (balloon) and change vCPUs only within the maximum it was started with — beyond that, InvalidVMState says why.
    /// </summary>
    public static VMActionResult Set(VirtualMachine vm, VMChange change)
    {
        var facts = vm.Server.Facts;
        if (change.MemoryMB is long mb && (mb <= 0 || mb * 1024L * 1024 > (long)facts.MemoryTotalBytes))
        {
            throw new InvalidInputException("InvalidMemorySize",
                $"MemoryMB {mb} is not possible on '{vm.VMHostName}': it must be above 0 and at most the host's {facts.MemoryTotalBytes / (1024 * 1024):N0} MB.", mb);
        }
        if (change.NumCpu is int cpus && (cpus < 1 || cpus > facts.NumCpu))
        {
            throw new InvalidInputException("InvalidNumCpu",
                $"NumCpu {cpus} is not possible on '{vm.VMHostName}': it must be between 1 and the host's {facts.NumCpu} logical CPUs.", cpus);
        }
        Provisioning.DomainXmlBuilder.ValidateNotes(change.Notes);

        return vm.Server.Invoke(native =>
        {
            var current = native.FindDomainByUuid(vm.Uuid) ?? throw VMLifecycleService.NotFound(vm);
            if (current.HasManagedSave && (change.MemoryMB is not null || change.NumCpu is not null))
            {
                // Its saved memory image would come back at the old size: resizing it now would be a lie.
                throw VMLifecycleService.InvalidState(vm, "is suspended to disk; start it and power it off (or Stop-VM it) before resizing");
            }
            bool live = current.State.IsActive();
            if (change.MemoryMB is long memory)
            {
                ulong kib = (ulong)memory * 1024;
                if (!live)
                {
                    native.SetMemory(vm.Uuid, kib, maximum: true, live: false);
                    native.SetMemory(vm.Uuid, kib, maximum: false, live: false);
                }
                else if (kib <= current.MaxMemoryKiB)
                {
                    native.SetMemory(vm.Uuid, kib, maximum: false, live: true);
                }
                else
                {
                    throw VMLifecycleService.InvalidState(vm,
                        $"is powered on with at most {current.MaxMemoryKiB / 1024} MB; power it off to give it {memory} MB");
                }
            }
            if (change.NumCpu is int count)
            {
                if (!live)
                {
                    native.SetVcpus(vm.Uuid, (uint)count, maximum: true, live: false);
                    native.SetVcpus(vm.Uuid, (uint)count, maximum: false, live: false);
                }
                else
                {
                    string xml = native.GetDomainXml(vm.Uuid, inactive: false);
                    int max = int.TryParse(XDocument.Parse(xml).Root?.Element("vcpu")?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out int m) ? m : current.VirtualCpus;
                    if (count > max)
                    {
                        throw VMLifecycleService.InvalidState(vm, $"is powered on with at most {max} vCPUs; power it off to give it {count}");
                    }
                    native.SetVcpus(vm.Uuid, (uint)count, maximum: false, live: true);
                }
            }
            if (change.Notes is { } text)
            {
                native.SetDescription(vm.Uuid, text, live);
            }
            var after = new VirtualMachine(native.ReadDomain(vm.Uuid), vm.Server, HostService.Deferred(vm.Server));
            if (!change.IsEmpty)
            {
                Record(vm.Server, "VmReconfiguredEvent", after, $"{after.Name} on {after.VMHostName} was reconfigured");
            }
            return new VMActionResult(after, !change.IsEmpty);
        });
    }

    /// <summary>
    /// Removes a powered-off VM from its host; with <paramref name="deletePermanently"/> also deletes its disk volumes.
    /// A VM that is on (or paused) is refused, as PowerCLI does: stop it first.
    /// </summary>
    public static VMRemoval Remove(VirtualMachine vm, bool deletePermanently) => vm.Server.Invoke(native =>
    {
        var current = native.FindDomainByUuid(vm.Uuid) ?? throw VMLifecycleService.NotFound(vm);
        if (current.State.IsActive())
        {
            throw VMLifecycleService.InvalidState(vm, "is not powered off; stop it first (Stop-VM or Stop-VMGuest)");
        }
        var disks = deletePermanently ? DomainXmlBuilder.DiskPaths(native.GetDomainXml(vm.Uuid, inactive: true)) : Array.Empty<string>();
        native.UndefineDomain(vm.Uuid);
        var deleted = new List<string>();
        var kept = new List<string>();
        foreach (string disk in disks)
        {
            (native.DeleteVolume(disk) || SharedStorage.DeleteElsewhere(vm.Server, native, disk) ? deleted : kept).Add(disk);
        }
        var removed = new VirtualMachine(current, vm.Server, HostService.Deferred(vm.Server));
        Record(vm.Server, "VmRemovedEvent", removed, $"{removed.Name} was removed from {removed.VMHostName}" + (deleted.Count > 0 ? $" and its {deleted.Count} disk(s) deleted" : string.Empty));
        return new VMRemoval(removed, deleted, kept);
    });

    /// <summary>
    /// Creates a VM from a spec: checks everything first (size against the host, name not taken, network and
    /// datastore present), creates the disk volume, defines the domain. If the definition fails the volume is
    /// deleted again: a failed New-VM leaves nothing behind.
    /// </summary>
    public static VirtualMachine New(VIServer server, VMSpec spec)
    {
        var facts = server.Facts;
        DomainXmlBuilder.Validate(spec, facts.NumCpu, facts.MemoryTotalBytes / Units.MiB);
        return server.Invoke(native =>
        {
            EnsureNameFree(native, server, spec.Name);
            foreach (string network in spec.NetworkNames.Distinct(StringComparer.Ordinal))
            {
                if (!native.NetworkExists(network))
                {
                    throw new ObjectNotFoundException("VirtualNetworkNotFound", $"Host '{server.Name}' has no network named '{MessageText.Input(network)}'.", network);
                }
            }
            string? diskPath = null;
            if (spec.Datastore is { } datastore && native.FindStoragePoolXml(datastore) is null)
            {
                throw new ObjectNotFoundException("DatastoreNotFound", $"Host '{server.Name}' has no datastore named '{MessageText.Input(datastore)}'.", datastore);
            }
            if (spec.DiskGB > 0)
            {
                SharedStorage.EnsureVolumeFree(server, native, spec.Datastore!, spec.Name + ".qcow2");
                try
                {
                    diskPath = native.CreateVolume(spec.Datastore!, DomainXmlBuilder.BuildVolume(spec.Name + ".qcow2", spec.DiskGB));
                }
                catch (VIToolkitException e)
                {
                    throw e.Rephrase("DiskCreationFailed", $"Could not create the {spec.DiskGB} GB disk of '{spec.Name}' in datastore '{spec.Datastore}': {e.Message}", spec.Datastore);
                }
            }
            string xml = DomainXmlBuilder.Build(spec, Guid.NewGuid(), facts.GuestDomainType, facts.GuestArchitecture, facts.GuestOsType, diskPath);
            try
            {
                var created = new VirtualMachine(native.DefineDomain(xml), server, HostService.Deferred(server));
                Record(server, "VmCreatedEvent", created, $"{created.Name} was created on {created.VMHostName}");
                return created;
            }
            catch
            {
                if (diskPath is not null)
                {
                    native.DeleteVolume(diskPath);
                }
                throw;
            }
        });
    }

    /// <summary>Defines a VM from caller-supplied domain XML, checked first.</summary>
    public static VirtualMachine NewFromXml(VIServer server, string domainXml)
    {
        string name = DomainXmlBuilder.ValidateCustomXml(domainXml);
        return server.Invoke(native =>
        {
            EnsureNameFree(native, server, name);
            try
            {
                return new VirtualMachine(native.DefineDomain(domainXml), server, HostService.Deferred(server));
            }
            catch (VIToolkitException e) when (e.Kind is ErrorKind.InvalidArgument or ErrorKind.NotSupported or ErrorKind.OperationFailed)
            {
                throw e.Rephrase("InvalidDomainXml", $"Host '{server.Name}' refused the domain XML: {e.Message}", name);
            }
        });
    }

    internal static void Record(VIServer server, string type, VirtualMachine vm, string message) =>
        server.Session?.Events.VM(type, vm, message);

    private static void EnsureNameFree(NativeConnection native, VIServer server, string name)
    {
        if (native.FindDomainByName(name) is not null)
        {
            throw new VIToolkitException("VMAlreadyExists", ErrorKind.AlreadyExists, $"Host '{server.Name}' already has a VM named '{MessageText.Input(name)}'.") { Target = name };
        }
    }
}

/// <summary>Snapshots of VMs.</summary>
public static class SnapshotService
{
    public static Snapshot New(VirtualMachine vm, string name, string? description)
    {
        DomainXmlBuilder.ValidateSnapshotName(name);
        string xml = new XElement("domainsnapshot",
            new XElement("name", name),
            string.IsNullOrEmpty(description) ? null : new XElement("description", description)).ToString(SaveOptions.DisableFormatting);
        return vm.Server.Invoke(native =>
        {
            if (native.ListSnapshots(vm.Uuid).Any(s => s.Name == name))
            {
                throw new VIToolkitException("SnapshotAlreadyExists", ErrorKind.AlreadyExists, $"VM '{vm.Name}' already has a snapshot named '{MessageText.Input(name)}'.") { Target = name };
            }
            var record = native.CreateSnapshot(vm.Uuid, xml);
            var snapshot = ToSnapshot(record, Fresh(native, vm));
            VMConfigService.Record(vm.Server, "VmSnapshotCreatedEvent", snapshot.VM, $"Snapshot '{name}' of {vm.Name} was created");
            return snapshot;
        });
    }

    /// <summary>The VM's snapshots, oldest first.</summary>
    public static IReadOnlyList<Snapshot> List(VirtualMachine vm) => vm.Server.Invoke(native =>
    {
        var fresh = Fresh(native, vm);
        return native.ListSnapshots(vm.Uuid)
            .OrderBy(s => s.CreatedUtc ?? DateTime.MinValue).ThenBy(s => s.Name, StringComparer.Ordinal)
            .Select(s => ToSnapshot(s, fresh))
            .ToList();
    });

    /// <summary>Reverts the VM to the snapshot; returns the VM as it is afterwards.</summary>
    public static VirtualMachine Revert(VirtualMachine vm, string snapshotName) => vm.Server.Invoke(native =>
    {
        var reverted = new VirtualMachine(native.RevertToSnapshot(vm.Uuid, snapshotName), vm.Server, HostService.Deferred(vm.Server));
        VMConfigService.Record(vm.Server, "VmSnapshotRevertedEvent", reverted, $"{reverted.Name} was reverted to snapshot '{snapshotName}'");
        return reverted;
    });

    public static void Remove(Snapshot snapshot, bool withChildren) =>
        snapshot.Server.Invoke(native =>
        {
            native.DeleteSnapshot(snapshot.VM.Uuid, snapshot.Name, withChildren);
            VMConfigService.Record(snapshot.Server, "VmSnapshotRemovedEvent", snapshot.VM,
                $"Snapshot '{snapshot.Name}' of {snapshot.VM.Name} was removed" + (withChildren ? " with its children" : string.Empty));
            return true;
        });

    private static VirtualMachine Fresh(NativeConnection native, VirtualMachine vm) =>
        new(native.FindDomainByUuid(vm.Uuid) ?? throw VMLifecycleService.NotFound(vm), vm.Server, HostService.Deferred(vm.Server));

    private static Snapshot ToSnapshot(in SnapshotRecord record, VirtualMachine vm) =>
        new(record.Name, record.Description, record.CreatedUtc, record.State, record.Parent, record.IsCurrent, vm);
}

/// <summary>Where VM displays can be reached.</summary>
public static class ConsoleService
{
    public static IReadOnlyList<VMConsole> Get(VirtualMachine vm) => vm.Server.Invoke(native =>
    {
        var fresh = new VirtualMachine(native.FindDomainByUuid(vm.Uuid) ?? throw VMLifecycleService.NotFound(vm), vm.Server, HostService.Deferred(vm.Server));
        var graphics = XDocument.Parse(native.GetDomainXml(vm.Uuid, inactive: false)).Root?.Element("devices")?.Elements("graphics").ToList() ?? new List<XElement>();
        string host = vm.Server.ConnectionUri.Host?.Trim('[', ']') ?? "localhost";
        var consoles = new List<VMConsole>();
        foreach (var g in graphics)
        {
            string type = (string?)g.Attribute("type") ?? "unknown";
            string? listen = (string?)g.Attribute("listen") ?? (string?)g.Element("listen")?.Attribute("address");
            int? port = int.TryParse((string?)g.Attribute("port"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int p) && p > 0 ? p : null;
            string? note = port is null
                ? fresh.PowerState == PowerState.PoweredOn
                    ? vm.Server.Simulated ? "Simulated host: no display is served." : "The hypervisor assigned no port."
                    : "The VM is not running: the port is assigned when it starts."
                : listen is "127.0.0.1" or "::1" or "localhost" && vm.Server.ConnectionUri.Host is { } remote
                    ? $"The display listens on {remote}'s loopback only: tunnel it, e.g. ssh -L {p}:127.0.0.1:{p} {remote}"
                    : null;
            consoles.Add(new VMConsole(fresh, type, host, port, listen, note));
        }
        if (consoles.Count == 0)
        {
            consoles.Add(new VMConsole(fresh, "none", null, null, null, "The VM has no graphical display (no <graphics> device)."));
        }
        return consoles;
    });
}
