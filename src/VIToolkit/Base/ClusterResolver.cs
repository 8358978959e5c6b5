using System;
using System.Collections.Generic;
using System.Linq;
using VIToolkit.Core;
using VIToolkit.Core.Clusters;
using VIToolkit.Core.Engine;
using VIToolkit.Core.Inventory;
using VIToolkit.Core.Services;

namespace VIToolkit.Base;

/// <summary>Resolves cluster arguments to the clusters stored in the inventory, read once per batch.</summary>
internal static class ClusterResolver
{
    /// <summary>
    /// Cluster objects are read again by Id (they may have been renamed or removed since); names match
    /// case-insensitively, wildcards in name order. An unreadable inventory stops the command (InventoryCorrupt…).
    /// </summary>
    internal static Resolution<ClusterRecord> Resolve(IReadOnlyList<ClusterArgument> arguments, VISession session)
    {
        var patterns = TargetArgument.Patterns(arguments);
        var stored = session.Inventory.Read().Clusters.OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase).ToList();
        var result = new Resolution<ClusterRecord>();
        var seen = new HashSet<Guid>();
        for (int i = 0; i < arguments.Count; i++)
        {
            if (arguments[i].Value is Cluster given)
            {
                if (Reread(stored, given) is { } record)
                {
                    Add(record);
                }
                else
                {
                    result.Fail(Removed(given));
                }
                continue;
            }
            var pattern = patterns[i]!;
            var matches = stored.Where(c => Matches(pattern, c.Name)).ToList();
            if (matches.Count == 0 && !pattern.IsWildcard)
            {
                result.Fail(NotFound(arguments[i].Name!));
            }
            matches.ForEach(Add);
        }
        return result;

        void Add(ClusterRecord record)
        {
            if (seen.Add(record.Id))
            {
                result.Add(record);
            }
        }
    }

    /// <summary>The stored cluster a Cluster object was read from, found by Id (it may have been renamed since); null when it was removed.</summary>
    internal static ClusterRecord? Reread(IEnumerable<ClusterRecord> stored, Cluster cluster) =>
        stored.FirstOrDefault(c => c.Id.ToString("D") == cluster.Id);

    /// <summary>A cluster object whose cluster is no longer in the inventory.</summary>
    internal static ObjectNotFoundException Removed(Cluster cluster) =>
        new("ClusterNotFound", $"Cluster '{cluster.Name}' is no longer in the inventory: it was removed since it was read. See Get-Cluster.", cluster);

    /// <summary>The stored cluster of this exact name (case-insensitive), if any.</summary>
    internal static ClusterRecord? Find(InventoryDocument inventory, string name) =>
        inventory.Clusters.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Cluster names match case-insensitively, with or without wildcards.</summary>
    internal static bool Matches(NamePattern pattern, string clusterName) =>
        pattern.IsWildcard ? pattern.IsMatch(clusterName) : string.Equals(clusterName, pattern.Literal, StringComparison.OrdinalIgnoreCase);

    internal static ObjectNotFoundException NotFound(string name)
    {
        string target = Redaction.RedactUris(name);
        string shown = MessageText.Input(name);
        return new ObjectNotFoundException("ClusterNotFound", $"No cluster named '{shown}' is in the inventory. See Get-Cluster.", target);
    }
}
