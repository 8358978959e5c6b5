using System;
using System.Collections.Generic;
using System.Linq;
using VIToolkit.Core;
using VIToolkit.Core.Clusters;
using VIToolkit.Core.Connections;
using VIToolkit.Core.Model;
using VIToolkit.Core.Services;
using VIToolkit.Core.Tasks;

namespace VIToolkit.Base;

/// <summary>
/// One value of a target parameter (-VM, -VMHost, -Server, -Cluster, -Task, -Destination) as the user gave it: an
/// object, or a name (wildcards allowed). Binding looks nothing up: the command resolves its arguments when it runs,
/// through the resolver of their kind (<see cref="VMResolver"/>, <see cref="HostResolver"/>…), as Stop-Process
/// resolves -Name and -Id in ProcessRecord.
/// </summary>
public abstract class TargetArgument
{
    private protected TargetArgument(object value) => Value = value ?? throw new ArgumentNullException(nameof(value));

    private protected TargetArgument(string name) => Name = name ?? throw new ArgumentNullException(nameof(name));

    /// <summary>The object given, or null when a name was given.</summary>
    public object? Value { get; }

    /// <summary>The name given (wildcards allowed), or null when an object was given.</summary>
    public string? Name { get; }

    /// <summary>The name or object as it may be shown: a URI's password is never part of it.</summary>
    public override string ToString() => Redaction.RedactUris(Name ?? Value!.ToString() ?? string.Empty);

    /// <summary>
    /// The names of a batch as patterns (null for objects), all parsed before anything is looked up: an invalid
    /// pattern (InvalidWildcardPattern) stops the command, as it does for Get-VM -Name.
    /// </summary>
    internal static IReadOnlyList<NamePattern?> Patterns(IReadOnlyList<TargetArgument> arguments) =>
        arguments.Select(a => a.Name is null ? null : NamePattern.Create(a.Name)).ToList();
}

/// <summary>A VM given to -VM: a VirtualMachine, or a VM name.</summary>
public sealed class VMArgument : TargetArgument
{
    public VMArgument(string name) : base(name)
    {
    }

    public VMArgument(VirtualMachine vm) : base(vm)
    {
    }
}

/// <summary>
/// A host given to -VMHost or -Location: a VMHost or VIServer, an object that carries its host (a VM, a datastore, a
/// network), a host name — and, on container parameters only (-Location), a cluster.
/// </summary>
public sealed class VMHostArgument : TargetArgument
{
    public VMHostArgument(string name) : base(name)
    {
    }

    public VMHostArgument(VMHost host) : base(host)
    {
    }

    public VMHostArgument(VIServer server) : base(server)
    {
    }

    // Not public: the binder converts by public constructors, and a cluster is a host only where the transformation
    // says so (a container parameter); elsewhere a cluster must fail to bind, so that it can bind to -Location.
    internal VMHostArgument(object carrier) : base(carrier)
    {
    }
}

/// <summary>A connection given to -Server: a VIServer, a VMHost (its connection), or a server name or URI.</summary>
public sealed class VIServerArgument : TargetArgument
{
    public VIServerArgument(string nameOrUri) : base(nameOrUri)
    {
    }

    public VIServerArgument(VIServer server) : base(server)
    {
    }

    public VIServerArgument(VMHost host) : base(host)
    {
    }
}

/// <summary>A cluster given to -Cluster (or Move-VMHost -Destination, Get-VMHost -Location): a Cluster, or a cluster name.</summary>
public sealed class ClusterArgument : TargetArgument
{
    public ClusterArgument(string name) : base(name)
    {
    }

    public ClusterArgument(Cluster cluster) : base(cluster)
    {
    }
}

/// <summary>A task given to -Task: a VITask, or a task Id such as Task-12.</summary>
public sealed class TaskArgument : TargetArgument
{
    public TaskArgument(string id) : base(id)
    {
    }

    public TaskArgument(VITask task) : base(task)
    {
    }
}

/// <summary>Where Move-VM and Test-VMMigration send VMs: a host (VMHost, VIServer or name) or a cluster (Cluster or name).</summary>
public sealed class DestinationArgument : TargetArgument
{
    public DestinationArgument(string name) : base(name)
    {
    }

    public DestinationArgument(VMHost host) : base(host)
    {
    }

    public DestinationArgument(VIServer server) : base(server)
    {
    }

    public DestinationArgument(Cluster cluster) : base(cluster)
    {
    }
}
