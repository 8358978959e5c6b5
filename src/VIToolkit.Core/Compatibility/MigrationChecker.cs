using System;
using System.Collections.Generic;
using System.Linq;
using VIToolkit.Core.Connections;
using VIToolkit.Core.Model;
using VIToolkit.Core.Provisioning;
using VIToolkit.Core.Services;

namespace VIToolkit.Core.Compatibility;

/// <summary>
/// Can a VM move to a host (Test-VMMigration, and what Move-VM runs first)? Checks the networks and storage it
/// uses, CPU, free memory, cluster membership, hypervisor driver and version order, and the destination's state.
/// </summary>
public static class MigrationChecker
{
    /// <summary>Checks one move on a snapshot of its own (the source, the destination and the inventory, read once).</summary>
    public static VMMigrationReport Test(VirtualMachine vm, VIServer destination, Engine.VISession session, System.Threading.CancellationToken cancellationToken = default) =>
        Test(vm, destination, session.Snapshot(new[] { vm.Server, destination }, cancellationToken));

    /// <summary>
    /// Checks one move against <paramref name="snapshot"/>: host-pair facts (CPU) come from the snapshot's pair cache,
    /// the destination's networks, storage, VMs and free memory from its read; only the VM's own definition is read now.
    /// </summary>
    public static VMMigrationReport Test(VirtualMachine vm, VIServer destination, Engine.ClusterSnapshot snapshot)
    {
        var issues = new List<MigrationIssue>();
        string cpuMethod = "NotChecked";
        var source = vm.Server;
        void Error(string code, string message, string from) => issues.Add(new MigrationIssue(IssueSeverity.Error, code, message, from));
        void Warn(string code, string message, string from) => issues.Add(new MigrationIssue(IssueSeverity.Warning, code, message, from));

        var sourceHost = snapshot.Require(source);
        if (sourceHost.Error is { } sourceError)
        {
            throw sourceError;
        }
        var record = sourceHost.FindDomain(vm.Uuid) ?? throw new ObjectNotFoundException("VMNotFound", $"VM '{vm.Name}' no longer exists on '{vm.VMHostName}'.", vm);
        var fresh = new VirtualMachine(record, source, new Lazy<VMHost>(sourceHost.VMHost));
        if (ReferenceEquals(destination, source) || destination.Uri == source.Uri)
        {
            Error("SameHost", $"VM '{vm.Name}' is already on '{destination.Name}'.", "destination");
            return new VMMigrationReport(fresh, source.Name, destination.Name, issues, cpuMethod);
        }
        var destinationHost = snapshot.Require(destination);
        if (!destination.IsConnected || destinationHost.Error is not null)
        {
            Error("DestinationUnreachable", destinationHost.Error?.Message ?? $"Destination '{destination.Name}' is {destination.ConnectionState}.", destination.Uri);
            return new VMMigrationReport(fresh, source.Name, destination.Name, issues, cpuMethod);
        }

        string xml = snapshot.DomainXml(source, vm.Uuid);
        var destNetworks = destinationHost.Networks;
        var destDatastores = destinationHost.Datastores;

        // A VM of the same UUID or name on the destination (a stale definition) makes libvirt refuse the move.
        if ((destinationHost.FindDomain(vm.Uuid) ?? destinationHost.FindDomain(vm.Name)) is { } existing)
        {
            Error("VMExistsOnDestination", existing.Uuid == vm.Uuid
                    ? $"'{destination.Name}' already has a definition of this VM (same Id {vm.Id}, named '{existing.Name}'): remove the stale one there first."
                    : $"'{destination.Name}' already has another VM named '{vm.Name}' (Id {existing.Uuid:D}).",
                "destination");
        }

        // Networks the VM's NICs use.
        foreach (string network in DomainXmlBuilder.NetworkNames(xml).Distinct(StringComparer.Ordinal))
        {
            if (destNetworks.Any(n => n.Name == network))
            {
                continue;
            }
            var nearMiss = destNetworks.FirstOrDefault(n => NameSimilarity.IsNearMiss(n.Name, network));
            Error(nearMiss is null ? "NetworkMissing" : "NetworkNameNearMiss",
                nearMiss is null
                    ? $"Network '{network}' that the VM uses does not exist on '{destination.Name}'."
                    : $"Network '{network}' that the VM uses does not exist on '{destination.Name}', which has '{nearMiss.Name}' instead (near-miss names).",
                $"network '{network}'");
        }

        // Disks: they must sit on shared storage that the destination mounts from the same source.
        var sourceDatastores = sourceHost.Datastores;
        foreach (string disk in DomainXmlBuilder.DiskPaths(xml))
        {
            var pool = sourceDatastores.Where(d => d.Path is { Length: > 0 } p && disk.StartsWith(p.TrimEnd('/') + "/", StringComparison.Ordinal))
                .OrderByDescending(d => d.Path!.Length).FirstOrDefault();
            if (pool is null)
            {
                Error("DiskNotOnDatastore", $"Disk {disk} is on no datastore of '{source.Name}': it cannot be shown to be shared.", disk);
            }
            else if (!pool.Shared)
            {
                Error("DiskOnLocalStorage", $"Disk {disk} is on local datastore '{pool.Name}' of '{source.Name}': move the disk to shared storage first.", $"datastore '{pool.Name}'");
            }
            else if (destDatastores.FirstOrDefault(d => d.Name == pool.Name) is not { } twin || twin.Source != pool.Source)
            {
                Error("DatastoreNotShared", $"Disk {disk} is on datastore '{pool.Name}' ({pool.Source}), which '{destination.Name}' does not mount from the same source.", $"datastore '{pool.Name}'");
            }
        }

        // CPU: once per host pair per snapshot.
        var pair = snapshot.Pair(sourceHost, destinationHost);
        cpuMethod = pair.CpuMethod;
        if (pair.CpuProblem is { } cpuProblem)
        {
            if (pair.CpuCompared)
            {
                Error("CpuIncompatible", $"'{destination.Name}' cannot run the CPU of '{source.Name}': {cpuProblem}", "virConnectCompareHypervisorCPU");
            }
            else
            {
                Error("CpuModelMismatch", cpuProblem, "virNodeGetInfo");
            }
        }

        // Memory: the destination must hold the VM beside what it already runs.
        double freeGB = destinationHost.FreeMemoryGB;
        string estimate = destinationHost.VMHost.MemoryUsageEstimated ? " (estimated: the host cannot report its free memory, so its running VMs' memory is counted)" : string.Empty;
        if (fresh.MemoryGB > freeGB)
        {
            // A powered-off VM uses no memory where it is defined: it only matters when it is started there.
            if (fresh.PowerState == PowerState.PoweredOff)
            {
                Warn("InsufficientMemory", $"'{destination.Name}' has {freeGB:N1} GB free{estimate}; VM '{vm.Name}' will need {fresh.MemoryGB:N1} GB when it is started.", "memory");
            }
            else
            {
                Error("InsufficientMemory", $"'{destination.Name}' has {freeGB:N1} GB free{estimate}; VM '{vm.Name}' needs {fresh.MemoryGB:N1} GB.", "memory");
            }
        }
        if (fresh.NumCpu > destination.Facts.NumCpu)
        {
            Error("InsufficientCpu", $"VM '{vm.Name}' has {fresh.NumCpu} vCPUs; '{destination.Name}' has {destination.Facts.NumCpu} logical CPUs.", "cpu");
        }

        // Hypervisor.
        if (source.HypervisorType != destination.HypervisorType)
        {
            Error("DriverMismatch", $"'{source.Name}' runs {source.HypervisorType}, '{destination.Name}' runs {destination.HypervisorType}.", "virConnectGetType");
        }
        else if (CompareVersions(destination.Version, source.Version) < 0)
        {
            Warn("DestinationOlder", $"'{destination.Name}' runs {destination.HypervisorType} {destination.Version}, older than {source.Version} on '{source.Name}': the move may be refused.", "virConnectGetVersion");
        }
        if (source.Facts.Uuid is Guid su && source.Facts.Uuid == destination.Facts.Uuid)
        {
            Error("DuplicateHostUuid", $"'{source.Name}' and '{destination.Name}' share host UUID {su}: libvirt refuses to migrate between them.", "capabilities");
        }

        // Cluster rule (the seed: no VMotion between hosts that are not in the same cluster).
        var clusters = snapshot.Inventory.Clusters;
        var sourceCluster = clusters.FirstOrDefault(c => c.Hosts.Any(h => h.Uri == source.Uri));
        var destCluster = clusters.FirstOrDefault(c => c.Hosts.Any(h => h.Uri == destination.Uri));
        if (destinationHost.State is HostConnectionState.Maintenance or HostConnectionState.EnteringMaintenance)
        {
            Error("DestinationInMaintenance", destinationHost.State == HostConnectionState.Maintenance
                ? $"'{destination.Name}' is in maintenance mode."
                : $"'{destination.Name}' is entering maintenance mode.", destCluster is null ? "session" : $"cluster '{destCluster.Name}'");
        }
        if (sourceCluster?.Id != destCluster?.Id)
        {
            string where = $"'{source.Name}' is in {(sourceCluster is null ? "no cluster" : $"cluster '{sourceCluster.Name}'")}, '{destination.Name}' in {(destCluster is null ? "no cluster" : $"cluster '{destCluster.Name}'")}";
            if (sourceCluster?.AllowMigrationOutOfCluster == true)
            {
                Warn("NotSameCluster", $"{where}; cluster '{sourceCluster.Name}' allows moves out of it.", "inventory");
            }
            else if (sourceCluster is not null || destCluster is not null)
            {
                Error("NotSameCluster", sourceCluster is null
                    ? $"{where}: VMs move only within a cluster (Move-VMHost '{source.Name}' -Destination '{destCluster!.Name}' first)."
                    : $"{where}: VMs move only within a cluster (Set-Cluster '{sourceCluster.Name}' -AllowMigrationOutOfCluster to allow it).", "inventory");
            }
        }
        return new VMMigrationReport(fresh, source.Name, destination.Name, issues, cpuMethod);
    }

    private static int CompareVersions(string a, string b) =>
        Version.TryParse(a, out var va) && Version.TryParse(b, out var vb) ? va.CompareTo(vb) : 0;
}
