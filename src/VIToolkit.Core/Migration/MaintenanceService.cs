using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using VIToolkit.Core.Connections;
using VIToolkit.Core.Engine;
using VIToolkit.Core.Inventory;
using VIToolkit.Core.Model;
using VIToolkit.Core.Tasks;

namespace VIToolkit.Core.Migration;

/// <summary>Where every running VM of a host would go, planned on one snapshot of its cluster.</summary>
public sealed class EvacuationPlan
{
    internal EvacuationPlan(VIServer host, ClusterRecord cluster, ClusterSnapshot snapshot, IReadOnlyList<PlacementDecision> decisions, MigrationType type)
    {
        Host = host;
        Type = type;
        Cluster = cluster;
        Snapshot = snapshot;
        Decisions = decisions;
        var inventory = snapshot.Inventory;
        Steps = decisions.Where(d => d.Placed)
            .Select(d => new PlanStep(d.VM, d.Destination!, MigrationService.RequestFor(inventory, d.Destination!, type, false) with { CheckedOn = snapshot }))
            .ToList();
    }

    public VIServer Host { get; }

    /// <summary>How the VMs move: Auto (live, never powered off), Live, or Offline (asked for: powered off and on again).</summary>
    public MigrationType Type { get; }

    public ClusterRecord Cluster { get; }

    public ClusterSnapshot Snapshot { get; }

    /// <summary>One decision per running VM of the host, placed or with the reason why not.</summary>
    public IReadOnlyList<PlacementDecision> Decisions { get; }

    /// <summary>The moves, for the VMs that have a destination.</summary>
    public IReadOnlyList<PlanStep> Steps { get; }

    /// <summary>What the plan will do, in words (for -WhatIf and confirmations).</summary>
    public string Describe() => Decisions.Count == 0
        ? "Enter maintenance mode"
        : $"Move {Decisions.Count} VM(s) ({string.Join(", ", Steps.Select(s => $"{s.VM.Name} to {s.Destination.Name}"))}), then enter maintenance mode";

    /// <summary>Refuses, before anything moves, a plan that cannot empty the host.</summary>
    public void EnsureFeasible(bool evacuate)
    {
        if (Decisions.Count > 0 && !evacuate)
        {
            throw new VIToolkitException("HostHasRunningVMs", ErrorKind.InvalidState,
                $"Host '{Host.Name}' runs {Decisions.Count} VM(s) ({string.Join(", ", Decisions.Select(p => p.VM.Name))}). Add -Evacuate to move them to other hosts of its cluster, or stop them first.") { Target = Host.Name };
        }
        var stuck = Decisions.Where(p => !p.Placed).ToList();
        if (stuck.Count > 0)
        {
            throw new VIToolkitException("EvacuationNotPossible", ErrorKind.Incompatible,
                $"Host '{Host.Name}' cannot be evacuated; nothing was moved. No host can take: {string.Join(" ", stuck.Select(p => $"'{p.VM.Name}' ({p.Reason})."))}") { Target = Host.Name };
        }
        // Never powered off unasked: with Auto (or Live) every running VM must be able to move live where it is placed.
        var offlineOnly = Type == MigrationType.Offline ? new List<PlanStep>()
            : Steps.Where(s => !MigrationService.CanMigrateLive(s.VM.Server, s.Destination)).ToList();
        if (offlineOnly.Count > 0)
        {
            throw new VIToolkitException("EvacuationNotPossible", ErrorKind.InvalidState,
                $"Host '{Host.Name}' cannot be evacuated live; nothing was moved. {offlineOnly.Count} running VM(s) cannot move live ({string.Join(", ", offlineOnly.Select(s => s.VM.Name))}){(Host.Simulated ? ": simulated hosts have no live migration" : string.Empty)}. Add -MigrationType Offline to power them off here and on again on the other hosts, or stop them first.") { Target = Host.Name };
        }
    }
}

/// <summary>An evacuation under way: the host shows EnteringMaintenance (nothing is placed on it) until it is finished.</summary>
public sealed class EvacuationRun : IDisposable
{
    private readonly IDisposable _entering;

    internal EvacuationRun(EvacuationPlan plan, IReadOnlyList<VITask> tasks, IDisposable entering)
    {
        Plan = plan;
        Tasks = tasks;
        _entering = entering;
    }

    public EvacuationPlan Plan { get; }

    public IReadOnlyList<VITask> Tasks { get; }

    public void Dispose() => _entering.Dispose();
}

/// <summary>
/// Maintenance mode: a host leaves placement, HA and DRS. Evacuation plans a destination for every running VM of
/// the host among the other members of its cluster that are connected and not (entering) maintenance, on one
/// snapshot, and refuses as a whole when any VM fits nowhere — before anything moves. The plan runner moves them.
/// </summary>
public sealed class MaintenanceService
{
    private readonly VISession _session;

    internal MaintenanceService(VISession session) => _session = session;

    /// <param name="type">Auto (default: live, never powered off), Live, or Offline (the user asked for power-cycled moves).</param>
    public EvacuationPlan PlanEvacuation(VIServer host, CancellationToken cancellationToken, MigrationType type = MigrationType.Auto)
    {
        var inventory = _session.Inventory.Read();
        var cluster = inventory.Clusters.FirstOrDefault(c => c.Hosts.Any(h => h.Uri == host.Uri)) ?? throw NotInCluster(host);
        var servers = _session.Connections.Servers;
        var members = cluster.Hosts.Select(h => servers.FirstOrDefault(s => s.Uri == h.Uri && s.IsConnected)).OfType<VIServer>().ToList();
        if (!members.Contains(host))
        {
            members.Insert(0, host);
        }
        var snapshot = _session.Snapshot(members, cancellationToken);
        var own = snapshot.Require(host);
        if (own.Error is { } error)
        {
            throw error;
        }
        var running = own.VMs.Where(vm => vm.DomainState.IsActive()).ToList();
        if (running.Count == 0)
        {
            return new EvacuationPlan(host, cluster, snapshot, Array.Empty<PlacementDecision>(), type);
        }
        var candidates = snapshot.Hosts
            .Where(h => !ReferenceEquals(h.Server, host) && h.Server.Uri != host.Uri && h.State == HostConnectionState.Connected && h.Readable)
            .Select(h => h.Server).ToList();
        return new EvacuationPlan(host, cluster, snapshot, Placement.Plan(running, candidates, snapshot), type);
    }

    /// <summary>Marks the host EnteringMaintenance and starts the plan's moves.</summary>
    public EvacuationRun StartEvacuation(EvacuationPlan plan, string taskName, int maxParallel)
    {
        var entering = _session.EnterMaintenance(plan.Host);
        try
        {
            return new EvacuationRun(plan, _session.Plans.Start(plan.Steps, taskName, maxParallel), entering);
        }
        catch
        {
            entering.Dispose();
            throw;
        }
    }

    /// <summary>Once every move has ended: the host enters maintenance when all succeeded; otherwise EvacuationIncomplete.</summary>
    public void FinishEvacuation(EvacuationRun run)
    {
        using (run)
        {
            var failed = run.Tasks.Count(t => t.State != VITaskState.Success);
            if (failed > 0)
            {
                throw new VIToolkitException("EvacuationIncomplete", ErrorKind.OperationFailed,
                    $"{failed} of {run.Tasks.Count} VM(s) could not be moved off '{run.Plan.Host.Name}' (see the errors above); the host was not put in maintenance mode.") { Target = run.Plan.Host.Name };
            }
            _session.SetMaintenance(run.Plan.Host, true);
        }
    }

    public void ExitMaintenance(VIServer host) => _session.SetMaintenance(host, false);

    private static VIToolkitException NotInCluster(VIServer host) =>
        new("HostNotInCluster", ErrorKind.InvalidState,
            $"Host '{host.Name}' is in no cluster; maintenance mode and evacuation are cluster matters (New-Cluster, Move-VMHost).") { Target = host.Name };
}
