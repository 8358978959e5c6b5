using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using VIToolkit.Core.Clusters;
using VIToolkit.Core.Connections;
using VIToolkit.Core.Model;
using VIToolkit.Core.Tasks;

namespace VIToolkit.Base;

/// <summary>Shared flattening of what the binder hands a transformation: one item, an array, PSObjects.</summary>
internal static class Arguments
{
    /// <summary>The items of <paramref name="input"/>, nested collections flattened; null items are kept.</summary>
    internal static IEnumerable<object?> Flatten(object? input)
    {
        input = Unwrap(input);
        if (input is IEnumerable many and not string)
        {
            foreach (object? item in many)
            {
                foreach (object? inner in Flatten(item))
                {
                    yield return inner;
                }
            }
            yield break;
        }
        yield return input;
    }

    /// <summary>The object behind a PSObject, except for a custom or deserialized object: its PSObject has the properties.</summary>
    internal static object? Unwrap(object? input) =>
        input is PSObject p && p.BaseObject is not PSCustomObject ? p.BaseObject : input;

    /// <summary>A property of a deserialized or custom object, e.g. <c>Name</c> of a Deserialized.VMHost.</summary>
    internal static string? PropertyText(object item, string property) =>
        (PSObject.AsPSObject(item).Properties[property]?.Value)?.ToString();

    /// <summary>True when the object is (a deserialized copy of) one of our types, e.g. Deserialized.VIToolkit.Core.Model.VMHost.</summary>
    internal static bool IsOfType(object item, string typeName) =>
        item is PSObject p && p.TypeNames.Any(t => t == typeName || t == "Deserialized." + typeName);

    /// <summary>The Name of a deserialized copy of one of <paramref name="typeNames"/>; null for anything else.</summary>
    internal static string? DeserializedName(object item, params string[] typeNames) =>
        typeNames.Any(t => IsOfType(item, t)) ? PropertyText(item, "Name") : null;
}

/// <summary>
/// Turns what is given to a target parameter into <see cref="TargetArgument"/>s without looking anything up: no
/// libvirt call, no inventory read, no search of the session. The command resolves the arguments when it runs.
/// </summary>
/// <remarks>
/// Items that are not of this kind make the whole value come back unchanged, so that the binder tries the object's
/// properties (ValueFromPipelineByPropertyName) or another parameter. <c>$null</c> and <c>''</c> name nothing: they
/// stay null, and the parameter's [ValidateNotNull…] refuses them at binding, as it would for a string parameter.
/// </remarks>
public abstract class TargetTransformationAttribute : ArgumentTransformationAttribute
{
    /// <summary>For a parameter that takes one value: a one-item collection gives that item.</summary>
    public bool Single { get; set; }

    private protected abstract Type ArgumentType { get; }

    /// <summary>The argument for one non-null item, or null when the item is not of this kind.</summary>
    private protected abstract TargetArgument? Convert(object item);

    public sealed override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        var items = Arguments.Flatten(inputData).ToList();
        var arguments = Array.CreateInstance(ArgumentType, items.Count);
        for (int i = 0; i < items.Count; i++)
        {
            if (items[i] is null or "")
            {
                continue;
            }
            var argument = ArgumentType.IsInstanceOfType(items[i]) ? (TargetArgument)items[i]! : Convert(items[i]!);
            if (argument is null)
            {
                return inputData;
            }
            arguments.SetValue(argument, i);
        }
        // An array even for one item: a value of the parameter's own type binds at once, without PowerShell's
        // costlier retries (by property name, then with coercion) for every piped object.
        return Arguments.Unwrap(inputData) is null ? null! : Single && arguments.Length == 1 ? arguments.GetValue(0)! : arguments;
    }
}

/// <summary>Lets -VM take VirtualMachine objects (deserialized too) or VM names.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class VirtualMachineTransformationAttribute : TargetTransformationAttribute
{
    private protected override Type ArgumentType => typeof(VMArgument);

    private protected override TargetArgument? Convert(object item) => item switch
    {
        VirtualMachine vm => new VMArgument(vm),
        string name => new VMArgument(name),
        _ => Arguments.DeserializedName(item, "VIToolkit.Core.Model.VirtualMachine") is { } name ? new VMArgument(name) : null,
    };
}

/// <summary>
/// Lets -VMHost take VMHost and VIServer objects, host names, and any object that carries its host (VMs, datastores,
/// networks — deserialized too — or custom objects with a VMHost property); with <see cref="ExpandClusters"/>, clusters.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class VMHostTransformationAttribute : TargetTransformationAttribute
{
    /// <summary>For a container parameter (-Location): a cluster, by object or name, stands for its members.</summary>
    public bool ExpandClusters { get; set; }

    private protected override Type ArgumentType => typeof(VMHostArgument);

    private protected override TargetArgument? Convert(object item) => Convert(item, depth: 0);

    private TargetArgument? Convert(object item, int depth)
    {
        switch (item)
        {
            case VMHost host:
                return new VMHostArgument(host);
            case VIServer server:
                return new VMHostArgument(server);
            case VirtualMachine or Datastore or VirtualNetwork:
                return new VMHostArgument(item);
            case Cluster when ExpandClusters:
                return new VMHostArgument(item);
            case string name:
                return new VMHostArgument(name);
        }
        string? text = Arguments.DeserializedName(item, "VIToolkit.Core.Model.VMHost", "VIToolkit.Core.Connections.VIServer")
            ?? (ExpandClusters ? Arguments.DeserializedName(item, "VIToolkit.Core.Clusters.Cluster") : null)
            ?? Arguments.PropertyText(item, "VMHostName"); // deserialized VMs, datastores, networks
        if (text is not null)
        {
            return text.Length > 0 ? new VMHostArgument(text) : null;
        }
        // A custom object with a VMHost property (one level deep: a host's own VMHost property would loop).
        return depth == 0 && Arguments.Unwrap(PSObject.AsPSObject(item).Properties["VMHost"]?.Value) is { } carried and (string or not IEnumerable)
            ? Convert(carried, depth + 1)
            : null;
    }
}

/// <summary>Lets -Server take VIServer objects, VMHost objects (their connection), or server names and URIs.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class VIServerTransformationAttribute : TargetTransformationAttribute
{
    private protected override Type ArgumentType => typeof(VIServerArgument);

    private protected override TargetArgument? Convert(object item) => item switch
    {
        VIServer server => new VIServerArgument(server),
        VMHost host => new VIServerArgument(host),
        string text => new VIServerArgument(text),
        PSObject => Arguments.DeserializedName(item, "VIToolkit.Core.Connections.VIServer", "VIToolkit.Core.Model.VMHost") is { } name
            ? new VIServerArgument(name)
            : null,
        _ => new VIServerArgument(item.ToString()!), // a number or another value that names a server as text
    };
}

/// <summary>Lets -Cluster (and other cluster parameters) take Cluster objects (deserialized too) or cluster names.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class ClusterTransformationAttribute : TargetTransformationAttribute
{
    private protected override Type ArgumentType => typeof(ClusterArgument);

    private protected override TargetArgument? Convert(object item) => item switch
    {
        Cluster cluster => new ClusterArgument(cluster),
        string name => new ClusterArgument(name),
        _ => Arguments.DeserializedName(item, "VIToolkit.Core.Clusters.Cluster") is { } name ? new ClusterArgument(name) : null,
    };
}

/// <summary>Lets -Task take task objects (deserialized too) or task Ids (Task-12, wildcards allowed).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class TaskTransformationAttribute : TargetTransformationAttribute
{
    private protected override Type ArgumentType => typeof(TaskArgument);

    private protected override TargetArgument? Convert(object item) => item switch
    {
        VITask task => new TaskArgument(task),
        string id => new TaskArgument(id),
        _ => Arguments.IsOfType(item, "VIToolkit.Core.Tasks.VITask") && Arguments.PropertyText(item, "Id") is { } id ? new TaskArgument(id) : null,
    };
}

/// <summary>Lets -Destination take a host (VMHost, VIServer, name) or a cluster (Cluster, name), deserialized too.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class DestinationTransformationAttribute : TargetTransformationAttribute
{
    public DestinationTransformationAttribute() => Single = true;

    private protected override Type ArgumentType => typeof(DestinationArgument);

    private protected override TargetArgument? Convert(object item) => item switch
    {
        VMHost host => new DestinationArgument(host),
        VIServer server => new DestinationArgument(server),
        Cluster cluster => new DestinationArgument(cluster),
        string name => new DestinationArgument(name),
        _ => Arguments.DeserializedName(item, "VIToolkit.Core.Model.VMHost", "VIToolkit.Core.Connections.VIServer", "VIToolkit.Core.Clusters.Cluster") is { } name
            ? new DestinationArgument(name)
            : null,
    };
}

/// <summary>Lets Connect-VIServer -Server take URIs as text, and any object with a Uri property (VIServer, VMHost).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class ServerUriTransformationAttribute : ArgumentTransformationAttribute
{
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        var uris = new List<string>();
        foreach (object? item in Arguments.Flatten(inputData))
        {
            string? uri = item switch
            {
                null => null,
                string text => text,
                VIServer server => server.ConnectionUri.Redacted,
                VMHost host => host.Uri,
                _ => Arguments.PropertyText(item, "Uri"),
            };
            if (uri is null)
            {
                // Hand it back: the binder then tries the object's Server / ComputerName / Uri properties (and
                // [ValidateNotNullOrEmpty] refuses a null).
                return inputData;
            }
            uris.Add(uri);
        }
        return uris.ToArray();
    }
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
