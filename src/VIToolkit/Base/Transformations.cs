using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using VIToolkit.Core.Engine;
using VIToolkit.Core.Connections;
using VIToolkit.Core.Model;
using VIToolkit.Core.Services;

namespace VIToolkit.Base;

/// <summary>Shared flattening of what the binder hands a transformation: one item, an array, PSObjects.</summary>
internal static class Arguments
{
    internal static IEnumerable<object> Flatten(object? input)
    {
        // A custom or deserialized object's base is an empty PSCustomObject: keep the PSObject, it has the properties.
        input = input is PSObject p && p.BaseObject is not PSCustomObject ? p.BaseObject : input;
        if (input is null)
        {
            yield break;
        }
        if (input is IEnumerable many and not string)
        {
            foreach (object? item in many)
            {
                foreach (object inner in Flatten(item))
                {
                    yield return inner;
                }
            }
            yield break;
        }
        yield return input;
    }

    /// <summary>A property of a deserialized or custom object, e.g. <c>Name</c> of a Deserialized.VMHost.</summary>
    internal static string? PropertyText(object item, string property) =>
        (PSObject.AsPSObject(item).Properties[property]?.Value)?.ToString();

    /// <summary>True when the object is (a deserialized copy of) one of our types, e.g. Deserialized.VIToolkit.Core.Model.VMHost.</summary>
    internal static bool IsOfType(object item, string typeName) =>
        item is PSObject p && p.TypeNames.Any(t => t == typeName || t == "Deserialized." + typeName);
}

/// <summary>Lets -Server take VIServer objects, names or URIs (wildcards allowed) of connected servers.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class VIServerTransformationAttribute : ArgumentTransformationAttribute
{
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        var result = new List<VIServer>();
        foreach (object item in Arguments.Flatten(inputData))
        {
            if (item is VIServer server)
            {
                result.Add(server);
                continue;
            }
            string? text = item switch
            {
                string s => s,
                VMHost host => host.Name,
                _ when Arguments.IsOfType(item, "VIToolkit.Core.Connections.VIServer") || Arguments.IsOfType(item, "VIToolkit.Core.Model.VMHost")
                    => Arguments.PropertyText(item, "Name"),
                _ when item is PSObject => null,
                _ => item.ToString(),
            };
            if (text is null)
            {
                // Not ours: hand it back so that the binder can try the object's properties instead.
                return inputData;
            }
            var pattern = NamePattern.Create(text);
            var matches = VISession.Default.Connections.Servers
                .Where(s => ServerNames.Matches(pattern, s) || string.Equals(s.Uri, text, StringComparison.Ordinal))
                .ToList();
            if (matches.Count == 0 && !pattern.IsWildcard)
            {
                throw new ArgumentTransformationMetadataException(
                    $"No connected server is named '{Core.Redaction.RedactUris(text)}'. Connect to it first with Connect-VIServer.");
            }
            result.AddRange(matches);
        }
        return result.Distinct().ToArray();
    }
}

/// <summary>
/// Lets -VMHost take VMHost objects, VIServer objects, host names (wildcards allowed), and any object that carries its
/// host (VMs, datastores, networks, or custom objects with a VMHost property).
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class VMHostTransformationAttribute : ArgumentTransformationAttribute
{
    /// <summary>For a parameter that takes one host: the input must name exactly one.</summary>
    public bool Single { get; set; }

    /// <summary>For a container parameter (-Location): a cluster, by object or name, stands for its connected members.</summary>
    public bool ExpandClusters { get; set; }

    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        object result = TransformMany(inputData, ExpandClusters);
        if (!Single || result is not VMHost[] hosts)
        {
            return result;
        }
        return hosts.Length == 1
            ? hosts[0]
            : throw new ArgumentTransformationMetadataException(
                $"Give exactly one host; '{inputData}' matches {hosts.Length}: {string.Join(", ", hosts.Select(h => h.Name))}.");
    }

    private static object TransformMany(object inputData, bool expandClusters)
    {
        var result = new List<VMHost>();
        try
        {
            foreach (object item in Arguments.Flatten(inputData))
            {
                Add(result, item, depth: 0, expandClusters);
            }
        }
        catch (NotOurs)
        {
            // Not a host nor anything that names one: hand it back so that the binder can try its properties.
            return inputData;
        }
        // One host once: by its connection, not its Id (two daemons may wrongly share a host UUID, which is worth reporting, not hiding).
        return result.GroupBy(h => h.Server).Select(g => g.First()).ToArray();
    }

    private sealed class NotOurs : Exception
    {
    }

    private static void Add(List<VMHost> result, object item, int depth, bool expandClusters)
    {
        switch (item)
        {
            case VMHost host:
                result.Add(host);
                return;
            case VIServer server:
                result.Add(HostService.GetVMHost(server));
                return;
            case VirtualMachine vm:
                result.Add(vm.VMHost);
                return;
            case Datastore datastore:
                result.Add(datastore.VMHost);
                return;
            case VirtualNetwork network:
                result.Add(network.VMHost);
                return;
            case Core.Clusters.Cluster cluster when expandClusters:
                result.AddRange(cluster.Servers.Where(s => s.IsConnected).Select(HostService.GetVMHost));
                return;
        }
        string? text;
        if (item is string s)
        {
            text = s;
        }
        else if (Arguments.IsOfType(item, "VIToolkit.Core.Model.VMHost") || Arguments.IsOfType(item, "VIToolkit.Core.Connections.VIServer"))
        {
            text = Arguments.PropertyText(item, "Name");
        }
        else if (Arguments.PropertyText(item, "VMHostName") is { } hostName)
        {
            text = hostName; // deserialized VMs, datastores, networks
        }
        else if (depth == 0 && PSObject.AsPSObject(item).Properties["VMHost"]?.Value is { } carried)
        {
            foreach (object inner in Arguments.Flatten(carried))
            {
                Add(result, inner, depth + 1, expandClusters);
            }
            return;
        }
        else
        {
            throw new NotOurs();
        }
        if (string.IsNullOrEmpty(text))
        {
            throw new NotOurs();
        }
        var pattern = NamePattern.Create(text);
        var servers = VISession.Default.Connections.Servers.Where(srv => pattern.IsWildcard
            ? pattern.IsMatch(srv.Name)
            : string.Equals(srv.Name, pattern.Literal, StringComparison.OrdinalIgnoreCase)).ToList();
        if (servers.Count == 0 && !pattern.IsWildcard)
        {
            // A host parameter takes hosts only: a cluster expands to its members only where a parameter says so
            // (-Location, -Cluster). Reading the inventory is a local file read, not network I/O.
            string shown = Core.Redaction.RedactUris(text);
            Core.Inventory.ClusterRecord? cluster;
            try
            {
                cluster = VISession.Default.Inventory.Read().Clusters.FirstOrDefault(c => string.Equals(c.Name, pattern.Literal, StringComparison.OrdinalIgnoreCase));
            }
            catch (Core.VIToolkitException)
            {
                cluster = null;
            }
            if (cluster is not null && expandClusters)
            {
                var members = VISession.Default.Connections.Servers;
                result.AddRange(cluster.Hosts.Select(h => members.FirstOrDefault(s => s.Uri == h.Uri && s.IsConnected)).OfType<VIServer>().Select(HostService.GetVMHost));
                return;
            }
            bool isCluster = cluster is not null;
            throw new ArgumentTransformationMetadataException(isCluster
                ? $"'{shown}' is a cluster, not a host. Name its hosts, or use (Get-Cluster '{shown}' | Get-VMHost)."
                : $"No connected host is named '{shown}'. See Get-VMHost for the hosts you can use.");
        }
        result.AddRange(servers.Select(HostService.GetVMHost));
    }
}

/// <summary>Lets Connect-VIServer -Server take URIs as text, and any object with a Uri property (VIServer, VMHost).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class ServerUriTransformationAttribute : ArgumentTransformationAttribute
{
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        var uris = new List<string>();
        foreach (object item in Arguments.Flatten(inputData))
        {
            string? uri = item switch
            {
                string text => text,
                VIServer server => server.ConnectionUri.Redacted,
                VMHost host => host.Uri,
                _ => Arguments.PropertyText(item, "Uri"),
            };
            if (uri is null)
            {
                // Hand it back: the binder then tries the object's Server / ComputerName / Uri properties.
                return inputData;
            }
            uris.Add(uri);
        }
        return uris.ToArray();
    }
}

/// <summary>Lets -VM take VirtualMachine objects or VM names (wildcards allowed) on the connected servers.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class VirtualMachineTransformationAttribute : ArgumentTransformationAttribute
{
    /// <summary>Exact names that matched no VM, keyed by the array the transformation returned.</summary>
    internal static readonly System.Runtime.CompilerServices.ConditionalWeakTable<VirtualMachine[], string[]> UnmatchedNames = new();

    /// <summary>VMs this transformation found from a name (not handed in as objects).</summary>
    internal static readonly System.Runtime.CompilerServices.ConditionalWeakTable<VirtualMachine, object> ResolvedByName = new();

    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        var result = new List<VirtualMachine>();
        var names = new List<NamePattern>();
        foreach (object item in Arguments.Flatten(inputData))
        {
            if (item is VirtualMachine vm)
            {
                result.Add(vm);
            }
            else if (item is string s)
            {
                names.Add(NamePattern.Create(s));
            }
            else if (Arguments.IsOfType(item, "VIToolkit.Core.Model.VirtualMachine") && Arguments.PropertyText(item, "Name") is { } name)
            {
                names.Add(NamePattern.Create(name));
            }
            else
            {
                // Not a VM nor a name: hand it back so that the binder can try its properties.
                return inputData;
            }
        }
        if (names.Count > 0)
        {
            // Names are looked up on every connected server; the cmdlet then keeps those on -Server, or, without
            // -Server, those on the default servers (see VMTargetCommand), as Get-VM would.
            var query = VMService.Query(VISession.Default.Connections.Servers.Where(s => s.IsConnected).ToList(), names, null, default);
            foreach (var found in query.VMs)
            {
                // Remember whether an exact name asked for it: only those are worth an error when filtered out.
                bool exact = names.Any(n => !n.IsWildcard && n.Literal == found.Name);
                ResolvedByName.AddOrUpdate(found, exact);
            }
            result.AddRange(query.VMs);
            if (query.UnmatchedNames.Count > 0)
            {
                // Not a binding error: the cmdlet writes one non-terminating VMNotFound per name, as Get-VM does.
                var bound = result.ToArray();
                UnmatchedNames.AddOrUpdate(bound, query.UnmatchedNames.ToArray());
                return bound;
            }
        }
        return result.ToArray();
    }
}

/// <summary>Host and server names are DNS-like: exact names match case-insensitively, as do wildcards.</summary>
internal static class ServerNames
{
    internal static bool Matches(NamePattern pattern, VIServer server) =>
        pattern.IsWildcard
            ? pattern.IsMatch(server.Name)
            : string.Equals(server.Name, pattern.Literal, StringComparison.OrdinalIgnoreCase);
}

/// <summary>Lets -Snapshot take a snapshot object (from Get-Snapshot) as well as its name.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class SnapshotNameTransformationAttribute : ArgumentTransformationAttribute
{
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData) =>
        (inputData is PSObject p ? p.BaseObject : inputData) switch
        {
            Snapshot snapshot => snapshot.Name,
            _ => inputData,
        };
}
