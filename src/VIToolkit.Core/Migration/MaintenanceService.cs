using System.Collections.Generic;
using System.Linq;
using System.Threading;
using VIToolkit.Core.Clusters;
using VIToolkit.Core.Connections;
using VIToolkit.Core.Model;
using VIToolkit.Core.Services;

namespace VIToolkit.Core.Migration;

/// <summary>
/// Maintenance mode: a host leaves placement, HA and DRS. Evacuation plans a destination for every running VM of
/// the host among the other members of its cluster that are connected and not in maintenance, and refuses as a
/// whole when any VM fits nowhere — before anything moves.
/// </summary>
public sealed class MaintenanceService
{
    private readonly ClusterService _clusters;

    public MaintenanceService(ClusterService clusters) => _clusters = clusters;

    /// <summary>The running (or paused) VMs of the host and where each would go.</summary>
    public IReadOnlyList<PlacementDecision> PlanEvacuation(VMHost host, CancellationToken cancellationToken)
    {
        var cluster = _clusters.RequireClusterOf(host);
        var query = VMService.Query(new[] { host.Server }, null, null, cancellationToken);
        if (query.HostErrors.Count > 0)
        {
            throw query.HostErrors[0];
        }
        var running = query.VMs.Where(vm => vm.DomainState.IsActive()).ToList();
        if (running.Count == 0)
        {
            return System.Array.Empty<PlacementDecision>();
        }
        var candidates = _clusters.PlacementCandidates(cluster, exceptUri: host.Uri);
        return Placement.Plan(running, candidates, _clusters);
    }
}
