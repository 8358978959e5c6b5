using System;
using System.Collections.Generic;
using System.Linq;
using VIToolkit.Core;
using VIToolkit.Core.Clusters;
using VIToolkit.Core.Connections;
using VIToolkit.Core.Engine;
using VIToolkit.Core.Inventory;
using VIToolkit.Core.Model;

namespace VIToolkit.Base;

/// <summary>Where VMs go: one host, or the placement candidates of a cluster (<see cref="ClusterName"/> is then set).</summary>
internal sealed record ResolvedDestination(IReadOnlyList<VIServer> Servers, string? ClusterName)
{
    public bool IsCluster => ClusterName is not null;

    /// <summary>For messages: "host 'esx02'" or "a host of cluster 'Prod' (esx01, esx02)".</summary>
    public override string ToString() => IsCluster
        ? $"a host of cluster '{ClusterName}' ({string.Join(", ", Servers.Select(s => s.Name))})"
        : $"host '{Servers[0].Name}'";
}

/// <summary>Resolves a -Destination (Move-VM, Test-VMMigration).</summary>
internal static class DestinationResolver
{
    /// <summary>
    /// A host object is that host; a name is a connected host's (exact, case-insensitive: a destination is one place),
    /// else a cluster's; a cluster, by name or by object (read again by Id), offers its connected members that are not
    /// in maintenance. Nothing there is a DestinationNotFound (ClusterNotFound for a cluster object removed since).
    /// </summary>
    internal static ResolvedDestination Resolve(DestinationArgument argument, VISession session)
    {
        switch (argument.Value)
        {
            case VMHost host:
                return new ResolvedDestination(new[] { host.Server }, null);
            case VIServer server:
                return new ResolvedDestination(new[] { server }, null);
            case Cluster cluster:
                var current = ClusterResolver.Reread(session.Inventory.Read().Clusters, cluster) ?? throw ClusterResolver.Removed(cluster);
                return Candidates(current, session, argument);
        }
        string name = argument.Name!;
        var hosts = session.Connections.Servers.Where(s => s.IsConnected && string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase)).ToList();
        if (hosts.Count > 0)
        {
            return new ResolvedDestination(hosts, null);
        }
        return ClusterResolver.Find(session.Inventory.Read(), name) is { } record
            ? Candidates(record, session, argument)
            : throw NotFound(argument, "is neither a connected host nor a cluster");
    }

    private static ResolvedDestination Candidates(ClusterRecord cluster, VISession session, DestinationArgument argument)
    {
        var candidates = session.Clusters.PlacementCandidates(cluster);
        return candidates.Count > 0
            ? new ResolvedDestination(candidates, cluster.Name)
            : throw NotFound(argument, $"is cluster '{cluster.Name}', which has no connected member that is not in maintenance");
    }

    private static ObjectNotFoundException NotFound(DestinationArgument argument, string why)
    {
        string target = argument.ToString();
        return new ObjectNotFoundException("DestinationNotFound", $"'{MessageText.Input(target)}' {why}. See Get-VMHost and Get-Cluster.", argument.Name is null ? argument.Value : target);
    }
}
