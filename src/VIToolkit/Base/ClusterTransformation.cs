using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using VIToolkit.Core.Engine;
using VIToolkit.Core.Clusters;
using VIToolkit.Core.Connections;
using VIToolkit.Core.Inventory;
using VIToolkit.Core.Services;

namespace VIToolkit.Base;

/// <summary>The cluster service over the current inventory file and this process's connections.</summary>
/// <summary>Lets -Cluster / -Destination take cluster objects or cluster names (wildcards allowed).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class ClusterTransformationAttribute : ArgumentTransformationAttribute
{
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        var result = new List<Cluster>();
        foreach (object item in Arguments.Flatten(inputData))
        {
            if (item is Cluster cluster)
            {
                result.Add(cluster);
                continue;
            }
            string? name = item as string ?? (Arguments.IsOfType(item, "VIToolkit.Core.Clusters.Cluster") ? Arguments.PropertyText(item, "Name") : null);
            if (name is null)
            {
                return inputData;
            }
            var pattern = NamePattern.Create(name);
            var found = VISession.Default.Clusters.Get(new[] { pattern }, default);
            if (found.Count == 0 && !pattern.IsWildcard)
            {
                throw new ArgumentTransformationMetadataException($"No cluster named '{name}' is in the inventory. See Get-Cluster.");
            }
            result.AddRange(found);
        }
        return result.ToArray();
    }
}
