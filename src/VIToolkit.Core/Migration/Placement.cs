using System;
using System.Collections.Generic;
using System.Linq;
using VIToolkit.Core.Compatibility;
using VIToolkit.Core.Connections;
using VIToolkit.Core.Engine;
using VIToolkit.Core.Model;
using VIToolkit.Core.Services;

namespace VIToolkit.Core.Migration;

/// <summary>What a VM needs of a host.</summary>
public readonly record struct VMDemand(double MemoryGB, int NumCpu);

/// <summary>What a host has to give.</summary>
public readonly record struct HostCapacity(double FreeMemoryGB, int NumCpu);

/// <summary>Where one VM goes, or why nowhere.</summary>
public sealed record PlacementDecision(VirtualMachine VM, VIServer? Destination, string? Reason)
{
    public bool Placed => Destination is not null;
}

/// <summary>
/// Chooses destination hosts: a host must be compatible (Test-VMMigration without errors), have the VM's memory free
/// after the VMs already placed on it in the same plan, and have at least as many CPUs as the VM has vCPUs. Among
/// those, the host with the most free memory left wins (spreading the load). Largest VMs are placed first.
/// </summary>
public static class Placement
{
    /// <summary>The pure assignment: for each VM the index of its host, or null. <paramref name="compatible"/>(vm, host).</summary>
    public static int?[] Assign(IReadOnlyList<VMDemand> vms, IReadOnlyList<HostCapacity> hosts, Func<int, int, bool> compatible)
    {
        var free = hosts.Select(h => h.FreeMemoryGB).ToArray();
        var result = new int?[vms.Count];
        foreach (int v in Enumerable.Range(0, vms.Count).OrderByDescending(i => vms[i].MemoryGB).ThenBy(i => i))
        {
            int? best = null;
            for (int h = 0; h < hosts.Count; h++)
            {
                if (vms[v].MemoryGB <= free[h] && vms[v].NumCpu <= hosts[h].NumCpu && compatible(v, h)
                    && (best is null || free[h] > free[best.Value]))
                {
                    best = h;
                }
            }
            if (best is int chosen)
            {
                free[chosen] -= vms[v].MemoryGB;
                result[v] = chosen;
            }
        }
        return result;
    }

    /// <summary>
    /// Plans moves of <paramref name="vms"/> to <paramref name="candidates"/> (never to a VM's own host) on one
    /// snapshot: sizes and free memory as read there, every VM-host pair checked with the snapshot's pair facts.
    /// Without <paramref name="checkCompatibility"/> (Move-VM -SkipCompatibilityCheck) only memory and CPUs count.
    /// </summary>
    public static IReadOnlyList<PlacementDecision> Plan(IReadOnlyList<VirtualMachine> vms, IReadOnlyList<VIServer> candidates,
        ClusterSnapshot snapshot, bool checkCompatibility = true)
    {
        // Sizes as they are now, not as the objects handed in were read; a powered-off VM takes no memory where it lands.
        vms = vms.Select(vm => snapshot.Require(vm.Server).VMs.FirstOrDefault(v => v.Uuid == vm.Uuid) ?? vm).ToList();
        var hosts = candidates.Select(snapshot.Require).ToList();
        var capacity = hosts.Select(h => new HostCapacity(h.Readable ? Math.Max(0, h.FreeMemoryGB) : 0, h.Server.Facts.NumCpu)).ToList();
        var demands = vms.Select(vm => new VMDemand(vm.PowerState == PowerState.PoweredOff ? 0 : vm.MemoryGB, vm.NumCpu)).ToList();
        // Compatibility without the memory verdict: the plan counts memory itself, VMs placed before included.
        var pairs = (from v in Enumerable.Range(0, vms.Count) from h in Enumerable.Range(0, candidates.Count)
                     where !SameHost(candidates[h], vms[v].Server)
                     select (v, h)).ToList();
        var reports = new System.Collections.Concurrent.ConcurrentDictionary<(int, int), VMMigrationReport>();
        var failures = new System.Collections.Concurrent.ConcurrentDictionary<(int, int), string>();
        if (checkCompatibility)
        {
            ParallelHosts.Run(pairs.Count, ParallelHosts.DefaultMaxParallel, i =>
            {
                var pair = pairs[i];
                try
                {
                    reports[pair] = MigrationChecker.Test(vms[pair.v], candidates[pair.h], snapshot);
                }
                catch (VIToolkitException e)
                {
                    failures[pair] = e.Message; // that pair is not a candidate; Why() says so
                }
            }, System.Threading.CancellationToken.None);
        }
        bool Compatible(int v, int h) =>
            !SameHost(candidates[h], vms[v].Server) && hosts[h].Readable
            && (!checkCompatibility || (reports.TryGetValue((v, h), out var report)
                && !report.Issues.Any(i => i.Severity == IssueSeverity.Error && i.Code != "InsufficientMemory")));
        var assignment = Assign(demands, capacity, Compatible);
        return vms.Select((vm, v) => assignment[v] is int h
            ? new PlacementDecision(vm, candidates[h], null)
            : new PlacementDecision(vm, null, Why(vm, v, candidates, reports, failures))).ToList();
    }

    private static bool SameHost(VIServer a, VIServer b) => ReferenceEquals(a, b) || a.Uri == b.Uri;

    private static string Why(VirtualMachine vm, int v, IReadOnlyList<VIServer> candidates, IReadOnlyDictionary<(int, int), VMMigrationReport> reports, IReadOnlyDictionary<(int, int), string> failures)
    {
        var reasons = new List<string>();
        for (int h = 0; h < candidates.Count; h++)
        {
            if (SameHost(candidates[h], vm.Server))
            {
                continue;
            }
            if (failures.TryGetValue((v, h), out string? failure))
            {
                reasons.Add($"{candidates[h].Name}: could not be checked ({failure})");
            }
            else if (reports.TryGetValue((v, h), out var report))
            {
                var errors = report.Issues.Where(i => i.Severity == IssueSeverity.Error && i.Code != "InsufficientMemory").Select(i => i.Code).ToList();
                reasons.Add($"{candidates[h].Name}: {(errors.Count > 0 ? string.Join(", ", errors) : "not enough free memory or CPUs")}");
            }
            else
            {
                reasons.Add($"{candidates[h].Name}: not enough free memory or CPUs");
            }
        }
        return reasons.Count == 0 ? "no other host to move to" : string.Join("; ", reasons);
    }
}
