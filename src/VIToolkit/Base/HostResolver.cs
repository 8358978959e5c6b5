using System;
using System.Collections.Generic;
using System.Linq;
using VIToolkit.Core;
using VIToolkit.Core.Clusters;
using VIToolkit.Core.Connections;
using VIToolkit.Core.Engine;
using VIToolkit.Core.Inventory;
using VIToolkit.Core.Model;
using VIToolkit.Core.Services;

namespace VIToolkit.Base;

/// <summary>
/// Resolves host arguments to the connections behind them. No host is read here: a command that shows hosts builds
/// them (<see cref="HostService.GetVMHost"/>) from what this returns, one that only works on them never does.
/// </summary>
internal static class HostResolver
{
    /// <param name="containers">
    /// True for a container parameter (-Location): a cluster, by object or by a name that no host has, stands for its
    /// connected members (the inventory is then read, and an unreadable one stops the command). Elsewhere a cluster
    /// name is a VMHostNotFound that says it is a cluster.
    /// </param>
    internal static Resolution<VIServer> Resolve(IReadOnlyList<VMHostArgument> arguments, bool containers, VISession session)
    {
        var patterns = TargetArgument.Patterns(arguments);
        var result = new Resolution<VIServer>();
        var found = new List<VIServer>();
        InventoryDocument? inventory = null;
        for (int i = 0; i < arguments.Count; i++)
        {
            switch (arguments[i].Value)
            {
                case VMHost host:
                    found.Add(host.Server);
                    continue;
                case VIServer server:
                    found.Add(server);
                    continue;
                case VirtualMachine vm:
                    found.Add(vm.Server);
                    continue;
                case Datastore datastore:
                    found.Add(datastore.Server);
                    continue;
                case VirtualNetwork network:
                    found.Add(network.Server);
                    continue;
                case Cluster cluster:
                    inventory ??= session.Inventory.Read();
                    if (ClusterResolver.Reread(inventory.Clusters, cluster) is { } current)
                    {
                        found.AddRange(Members(current, session));
                    }
                    else
                    {
                        result.Fail(ClusterResolver.Removed(cluster));
                    }
                    continue;
            }
            var pattern = patterns[i]!;
            var matches = session.Connections.Servers.Where(s => ServerNames.Matches(pattern, s)).ToList();
            found.AddRange(matches);
            if (matches.Count > 0 || pattern.IsWildcard)
            {
                continue;
            }
            if (containers)
            {
                inventory ??= session.Inventory.Read();
                if (ClusterResolver.Find(inventory, pattern.Literal!) is { } named)
                {
                    found.AddRange(Members(named, session));
                    continue;
                }
            }
            inventory ??= TryReadInventory(session);
            result.Fail(NotFound(arguments[i].Name!, inventory is not null && ClusterResolver.Find(inventory, pattern.Literal!) is not null));
        }
        // One host once: by its connection, not its Id (two daemons may wrongly share a host UUID, which is worth reporting, not hiding).
        result.AddRange(found.Distinct());
        return result;
    }

    /// <summary>For a parameter that takes one host: exactly one, else an error (VMHostNotFound, AmbiguousVMHost).</summary>
    internal static Resolution<VIServer> ResolveOne(VMHostArgument argument, VISession session)
    {
        var many = Resolve(new[] { argument }, containers: false, session);
        if (many.Errors.Count > 0 || many.Items.Count == 1)
        {
            return many;
        }
        var result = new Resolution<VIServer>();
        string target = argument.ToString();
        string shown = MessageText.Input(target);
        result.Fail(many.Items.Count == 0
            ? new ObjectNotFoundException("VMHostNotFound", $"No connected host matches '{shown}'. See Get-VMHost for the hosts you can use.", target)
            : new InvalidInputException("AmbiguousVMHost",
                $"Give exactly one host; '{shown}' matches {many.Items.Count}: {string.Join(", ", many.Items.Select(s => s.Name))}.", target));
        return result;
    }

    /// <summary>The connected members of a cluster, in member order.</summary>
    private static IEnumerable<VIServer> Members(ClusterRecord cluster, VISession session) =>
        session.Clusters.MemberServers(cluster).OfType<VIServer>();

    private static ObjectNotFoundException NotFound(string name, bool isCluster)
    {
        string target = Redaction.RedactUris(name);
        string shown = MessageText.Input(name);
        return new ObjectNotFoundException("VMHostNotFound", isCluster
            ? $"'{shown}' is a cluster, not a host. Name its hosts, or use (Get-Cluster '{shown}' | Get-VMHost)."
            : $"No connected host is named '{shown}'. See Get-VMHost for the hosts you can use.", target);
    }

    /// <summary>The inventory, to tell a cluster's name from a typo; an unreadable one only loses that hint.</summary>
    private static InventoryDocument? TryReadInventory(VISession session)
    {
        try
        {
            return session.Inventory.Read();
        }
        catch (VIToolkitException)
        {
            return null;
        }
    }
}
