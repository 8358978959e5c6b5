using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using VIToolkit.Core.Connections;
using VIToolkit.Core.Model;
using VIToolkit.Core.Services;

namespace VIToolkit.Core.Compatibility;

/// <summary>
/// Proves that hosts are set up identically (Test-ClusterCompatibility): same shared storage, same networks and
/// subnets, compatible CPUs, same hypervisor. Hosts are surveyed in parallel; an unreachable host fails its checks
/// with code HostUnreachable and the others are still checked.
/// </summary>
public static class CompatibilityChecker
{
    public static IReadOnlyList<CompatibilityCheck> Checks { get; } = new[]
    {
        new CompatibilityCheck(CompatibilityCategory.Storage, "SharedDatastores", "Every shared datastore exists on every host with the same name and the same backing source."),
        new CompatibilityCheck(CompatibilityCategory.Storage, "LocalDatastores", "Local (not shared) datastores are flagged: VMs on them cannot move."),
        new CompatibilityCheck(CompatibilityCategory.Network, "Networks", "Every network exists on every host with the same name and subnet; near-miss names are named."),
        new CompatibilityCheck(CompatibilityCategory.Cpu, "CpuCompatibility", "Every host runs the cluster's baseline CPU (libvirt's hypervisor CPU comparison), or, where the driver cannot compare, the same vendor, model and architecture (declared fallback)."),
        new CompatibilityCheck(CompatibilityCategory.Hypervisor, "Driver", "Every host runs the same hypervisor driver."),
        new CompatibilityCheck(CompatibilityCategory.Hypervisor, "Version", "Hypervisor versions are reported; differences are a warning."),
        new CompatibilityCheck(CompatibilityCategory.Hypervisor, "HostUuid", "No two hosts share a UUID (libvirt refuses to migrate between them)."),
    };

    public static IReadOnlyList<CompatibilityResult> Test(string? cluster, IReadOnlyList<VIServer> servers,
        IReadOnlySet<CompatibilityCategory> categories, CancellationToken cancellationToken, int maxParallel = ParallelHosts.DefaultMaxParallel)
    {
        // The hosts as one snapshot of their session (the same read placement and Test-VMMigration use).
        var session = servers.Select(s => s.Session).FirstOrDefault(s => s is not null) ?? Engine.VISession.Default;
        var snapshot = session.Snapshot(servers, cancellationToken, maxParallel);
        var surveys = servers.Select(snapshot.Require).ToList();
        if (categories.Contains(CompatibilityCategory.Cpu))
        {
            // Host-model CPUs are read on first need: read them for every host at once, not one after another.
            ParallelHosts.Run(surveys.Count, maxParallel, i => _ = surveys[i].HostModelCpu, cancellationToken);
        }
        var results = new List<CompatibilityResult>();
        var reachable = surveys.Where(s => s.Error is null).ToList();

        foreach (var survey in surveys.Where(s => s.Error is not null))
        {
            foreach (var category in categories.OrderBy(c => c))
            {
                results.Add(new CompatibilityResult(cluster, survey.Name, category, "Connectivity", CheckResult.Failed, "HostUnreachable",
                    $"Host '{survey.Name}' could not be checked: {survey.Error!.Message}", survey.Server.Uri));
            }
        }
        if (categories.Contains(CompatibilityCategory.Storage)) { results.AddRange(CheckStorage(cluster, reachable)); }
        if (categories.Contains(CompatibilityCategory.Network)) { results.AddRange(CheckNetworks(cluster, reachable)); }
        if (categories.Contains(CompatibilityCategory.Cpu)) { results.AddRange(CheckCpu(cluster, reachable)); }
        if (categories.Contains(CompatibilityCategory.Hypervisor)) { results.AddRange(CheckHypervisor(cluster, reachable)); }

        // Stable: hosts in the given order, then category, then failures first.
        var order = servers.Select((s, i) => (s.Name, i)).GroupBy(x => x.Name).ToDictionary(g => g.Key, g => g.First().i);
        return results
            .OrderBy(r => order.TryGetValue(r.VMHost, out int i) ? i : int.MaxValue)
            .ThenBy(r => r.Category)
            .ThenBy(r => r.Result switch { CheckResult.Failed => 0, CheckResult.Warning => 1, CheckResult.Passed => 2, _ => 3 })
            .ThenBy(r => r.Check, StringComparer.Ordinal)
            .ToList();
    }

    private static IEnumerable<CompatibilityResult> CheckStorage(string? cluster, IReadOnlyList<Engine.HostSnapshot> hosts)
    {
        // The shared datastores of the cluster: any shared pool on any host, with the source most hosts agree on.
        var shared = hosts.SelectMany(h => h.Datastores.Where(d => d.Shared))
            .GroupBy(d => d.Name, StringComparer.Ordinal)
            .Select(g => (Name: g.Key, Source: g.GroupBy(d => d.Source ?? string.Empty).OrderByDescending(s => s.Count()).First().Key, Type: g.First().Type))
            .OrderBy(d => d.Name, StringComparer.Ordinal)
            .ToList();
        foreach (var host in hosts)
        {
            int ok = 0;
            foreach (var datastore in shared)
            {
                var own = host.Datastores.FirstOrDefault(d => d.Name == datastore.Name);
                if (own is null)
                {
                    yield return new(cluster, host.Name, CompatibilityCategory.Storage, "SharedDatastores", CheckResult.Failed, "DatastoreMissing",
                        $"Shared datastore '{datastore.Name}' ({datastore.Type} {datastore.Source}) is missing on '{host.Name}'.", $"datastore '{datastore.Name}'");
                }
                else if (!own.Shared || (own.Source ?? string.Empty) != datastore.Source)
                {
                    yield return new(cluster, host.Name, CompatibilityCategory.Storage, "SharedDatastores", CheckResult.Failed, "DatastoreSourceMismatch",
                        $"Datastore '{datastore.Name}' on '{host.Name}' is {own.Type} {own.Source}; the other hosts use {datastore.Type} {datastore.Source}: not the same storage.", $"datastore '{datastore.Name}'");
                }
                else
                {
                    ok++;
                }
            }
            if (ok == shared.Count)
            {
                yield return new(cluster, host.Name, CompatibilityCategory.Storage, "SharedDatastores", CheckResult.Passed, "SharedDatastoresPresent",
                    shared.Count == 0 ? "No shared datastore in the cluster." : $"All {shared.Count} shared datastore(s) present with the same source.", "storage pools");
            }
            foreach (var local in host.Datastores.Where(d => !d.Shared))
            {
                yield return new(cluster, host.Name, CompatibilityCategory.Storage, "LocalDatastores", CheckResult.Warning, "LocalDatastore",
                    $"Datastore '{local.Name}' on '{host.Name}' is local ({local.Type}): VMs with disks on it cannot move to another host.", $"datastore '{local.Name}'");
            }
        }
    }

    private static IEnumerable<CompatibilityResult> CheckNetworks(string? cluster, IReadOnlyList<Engine.HostSnapshot> hosts)
    {
        var all = hosts.SelectMany(h => h.Networks.Select(n => (Host: h, Network: n))).ToList();
        var names = all.GroupBy(x => x.Network.Name, StringComparer.Ordinal)
            .Select(g => (Name: g.Key, Subnet: g.GroupBy(x => x.Network.Subnet ?? string.Empty).OrderByDescending(s => s.Count()).First().Key, Count: g.Count()))
            .OrderBy(n => n.Name, StringComparer.Ordinal)
            .ToList();
        foreach (var host in hosts)
        {
            int ok = 0;
            foreach (var expected in names)
            {
                var own = host.Networks.FirstOrDefault(n => n.Name == expected.Name);
                if (own is not null)
                {
                    if ((own.Subnet ?? string.Empty) != expected.Subnet)
                    {
                        yield return new(cluster, host.Name, CompatibilityCategory.Network, "Networks", CheckResult.Failed, "SubnetMismatch",
                            $"Network '{expected.Name}' on '{host.Name}' has subnet {own.Subnet ?? "(none)"}; the other hosts use {(expected.Subnet.Length > 0 ? expected.Subnet : "(none)")}.", $"network '{expected.Name}'");
                    }
                    else
                    {
                        ok++;
                    }
                    continue;
                }
                // Missing here. A near-miss spelling on this host is the likely cause, unless this host's spelling is the
                // one most hosts use: then the other hosts are the odd ones and they report it.
                var nearMiss = host.Networks.FirstOrDefault(n => NameSimilarity.IsNearMiss(n.Name, expected.Name));
                int nearMissCount = nearMiss is null ? 0 : names.First(x => x.Name == nearMiss.Name).Count;
                if (nearMiss is not null && nearMissCount > expected.Count)
                {
                    ok++;
                }
                else if (nearMiss is not null)
                {
                    yield return new(cluster, host.Name, CompatibilityCategory.Network, "Networks", CheckResult.Failed, "NetworkNameNearMiss",
                        $"Network '{expected.Name}' is missing on '{host.Name}', which has '{nearMiss.Name}' ({nearMiss.Subnet}) instead: near-miss names. A VM that moves here loses its network; rename one so both match.",
                        $"network '{nearMiss.Name}' vs '{expected.Name}'");
                }
                else
                {
                    yield return new(cluster, host.Name, CompatibilityCategory.Network, "Networks", CheckResult.Failed, "NetworkMissing",
                        $"Network '{expected.Name}' ({expected.Subnet}) is missing on '{host.Name}'.", $"network '{expected.Name}'");
                }
            }
            if (ok == names.Count)
            {
                yield return new(cluster, host.Name, CompatibilityCategory.Network, "Networks", CheckResult.Passed, "NetworksMatch",
                    $"All {names.Count} network(s) present with matching subnets.", "networks");
            }
        }
    }

    private static IEnumerable<CompatibilityResult> CheckCpu(string? cluster, IReadOnlyList<Engine.HostSnapshot> hosts)
    {
        if (hosts.Count == 0)
        {
            yield break;
        }
        bool canCompare = hosts.All(h => h.HostModelCpu is not null);
        string? baseline = null;
        string? baselineError = null;
        if (canCompare)
        {
            var first = hosts[0].Server;
            try
            {
                baseline = first.Invoke(native => native.BaselineCpu(first.Facts.GuestArchitecture, first.Facts.GuestDomainType, hosts.Select(h => h.HostModelCpu!).ToList()));
            }
            catch (VIToolkitException e) when (e is not HostUnreachableException)
            {
                baselineError = e.Message;
            }
        }
        if (canCompare)
        {
            foreach (var host in hosts)
            {
                if (baseline is null)
                {
                    yield return new(cluster, host.Name, CompatibilityCategory.Cpu, "CpuCompatibility", CheckResult.Failed, "CpuBaselineFailed",
                        $"No CPU model runs on all hosts: {baselineError} (method: HypervisorCompare).", "virConnectBaselineHypervisorCPU");
                    continue;
                }
                string? problem;
                try
                {
                    problem = host.Server.Invoke(native => native.CompareCpu(host.Server.Facts.GuestArchitecture, host.Server.Facts.GuestDomainType, baseline));
                }
                catch (VIToolkitException e)
                {
                    problem = e.Message;
                }
                yield return problem is null
                    ? new(cluster, host.Name, CompatibilityCategory.Cpu, "CpuCompatibility", CheckResult.Passed, "CpuCompatible",
                        $"Runs the cluster baseline CPU {BaselineModel(baseline)} (method: HypervisorCompare).", "virConnectCompareHypervisorCPU")
                    : new(cluster, host.Name, CompatibilityCategory.Cpu, "CpuCompatibility", CheckResult.Failed, "CpuIncompatible",
                        $"Cannot run the cluster baseline CPU {BaselineModel(baseline)}: {problem} (method: HypervisorCompare).", "virConnectCompareHypervisorCPU");
            }
            yield break;
        }

        // Declared fallback: the driver cannot compare CPUs (the test driver), so vendor, model and architecture must match.
        string Key(Engine.HostSnapshot h) => $"{h.Server.Facts.CpuVendor ?? "?"}|{h.Server.Facts.ProcessorType}|{h.Server.Facts.Architecture}";
        var reference = hosts.GroupBy(Key).OrderByDescending(g => g.Count()).ThenBy(g => IndexOf(hosts, g.First())).First();
        string referenceText = $"{reference.First().Server.Facts.ProcessorType} ({reference.First().Server.Facts.Architecture})";
        foreach (var host in hosts)
        {
            string method = $"method: ModelName, declared fallback because {host.Server.HypervisorType} cannot compare CPUs";
            yield return Key(host) == reference.Key
                ? new(cluster, host.Name, CompatibilityCategory.Cpu, "CpuCompatibility", CheckResult.Passed, "CpuModelMatches",
                    $"Same CPU as the cluster: {referenceText} ({method}).", "virNodeGetInfo")
                : new(cluster, host.Name, CompatibilityCategory.Cpu, "CpuCompatibility", CheckResult.Failed, "CpuModelMismatch",
                    $"CPU {host.Server.Facts.ProcessorType} ({host.Server.Facts.Architecture}) differs from the cluster's {referenceText}: live migration needs compatible CPUs ({method}).", "virNodeGetInfo");
        }
    }

    private static int IndexOf(IReadOnlyList<Engine.HostSnapshot> hosts, Engine.HostSnapshot host)
    {
        for (int i = 0; i < hosts.Count; i++)
        {
            if (ReferenceEquals(hosts[i], host))
            {
                return i;
            }
        }
        return -1;
    }

    private static string BaselineModel(string cpuXml) =>
        System.Xml.Linq.XDocument.Parse(cpuXml).Root?.Element("model")?.Value ?? "(unnamed)";

    private static IEnumerable<CompatibilityResult> CheckHypervisor(string? cluster, IReadOnlyList<Engine.HostSnapshot> hosts)
    {
        if (hosts.Count == 0)
        {
            yield break;
        }
        var driver = hosts.GroupBy(h => h.Server.HypervisorType).OrderByDescending(g => g.Count()).First().Key;
        var versions = hosts.Select(h => h.Server.Version).Distinct().ToList();
        var uuids = hosts.Where(h => h.Server.Facts.Uuid is not null).GroupBy(h => h.Server.Facts.Uuid).Where(g => g.Count() > 1).ToDictionary(g => g.Key!.Value, g => g.Select(h => h.Name).ToList());
        foreach (var host in hosts)
        {
            var facts = host.Server.Facts;
            yield return host.Server.HypervisorType == driver
                ? new(cluster, host.Name, CompatibilityCategory.Hypervisor, "Driver", CheckResult.Passed, "SameDriver", $"Driver {host.Server.HypervisorType}, like the other hosts.", "virConnectGetType")
                : new(cluster, host.Name, CompatibilityCategory.Hypervisor, "Driver", CheckResult.Failed, "DriverMismatch", $"Driver {host.Server.HypervisorType}; the other hosts run {driver}.", "virConnectGetType");
            yield return versions.Count == 1
                ? new(cluster, host.Name, CompatibilityCategory.Hypervisor, "Version", CheckResult.Passed, "SameVersion", $"{host.Server.HypervisorType} {facts.Version}, libvirt {facts.LibraryVersion}.", "virConnectGetVersion")
                : new(cluster, host.Name, CompatibilityCategory.Hypervisor, "Version", CheckResult.Warning, "VersionMismatch",
                    $"{host.Server.HypervisorType} {facts.Version} (libvirt {facts.LibraryVersion}); the cluster runs {string.Join(", ", versions)}: VMs may not move from newer to older hosts.", "virConnectGetVersion");
            if (facts.Uuid is not Guid uuid)
            {
                yield return new(cluster, host.Name, CompatibilityCategory.Hypervisor, "HostUuid", CheckResult.NotApplicable, "NoHostUuid",
                    $"'{host.Name}' reports no host UUID ({(host.Server.Simulated ? "simulated host" : "driver")}).", "capabilities");
            }
            else if (uuids.TryGetValue(uuid, out var twins))
            {
                yield return new(cluster, host.Name, CompatibilityCategory.Hypervisor, "HostUuid", CheckResult.Failed, "DuplicateHostUuid",
                    $"Host UUID {uuid} is shared by {string.Join(", ", twins)}: libvirt refuses to migrate between them (set host_uuid in libvirtd.conf).", "capabilities");
            }
            else
            {
                yield return new(cluster, host.Name, CompatibilityCategory.Hypervisor, "HostUuid", CheckResult.Passed, "UniqueHostUuid", $"Host UUID {uuid} is unique.", "capabilities");
            }
        }
    }
}

/// <summary>Recognises two spellings of one network name (the seed's Priv172.17 vs Private_172.17).</summary>
public static class NameSimilarity
{
    public static bool IsNearMiss(string a, string b)
    {
        if (string.Equals(a, b, StringComparison.Ordinal))
        {
            return false;
        }
        string na = Normalize(a), nb = Normalize(b);
        if (na == nb)
        {
            return true;
        }
        // Same trailing number (subnet, VLAN id) and one name abbreviates the other: Priv172.17 / Private_172.17.
        string da = new(a.Where(char.IsDigit).ToArray()), db = new(b.Where(char.IsDigit).ToArray());
        string la = new(na.Where(char.IsLetter).ToArray()), lb = new(nb.Where(char.IsLetter).ToArray());
        if (da != db)
        {
            return false; // Priv172.17 and Priv172.18 are two networks, not two spellings of one.
        }
        if (la.Length > 0 && lb.Length > 0 && (la.StartsWith(lb, StringComparison.Ordinal) || lb.StartsWith(la, StringComparison.Ordinal)))
        {
            return true;
        }
        int distance = Levenshtein(na, nb);
        return distance <= Math.Max(1, Math.Min(na.Length, nb.Length) / 5);
    }

    private static string Normalize(string name) =>
        new(name.ToLowerInvariant().Where(char.IsLetterOrDigit).ToArray());

    private static int Levenshtein(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) { previous[j] = j; }
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
