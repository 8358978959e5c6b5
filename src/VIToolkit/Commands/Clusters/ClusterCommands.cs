using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using VIToolkit.Core.Engine;
using VIToolkit.Base;
using VIToolkit.Completers;
using VIToolkit.Core;
using VIToolkit.Core.Clusters;
using VIToolkit.Core.Connections;
using VIToolkit.Core.Inventory;
using VIToolkit.Core.Model;
using VIToolkit.Core.Services;

namespace VIToolkit.Commands.Clusters;

/// <summary>The HA and DRS settings, with PowerCLI's parameter names; shared by New-Cluster and Set-Cluster.</summary>
public abstract class ClusterSettingsCommand : VIToolkitCmdlet
{
    [Parameter] public SwitchParameter HAEnabled { get; set; }
    [Parameter] public SwitchParameter HAAdmissionControlEnabled { get; set; }
    [Parameter][ValidateRange(1, 31)] public int? HAFailoverLevel { get; set; }
    [Parameter] public HARestartPriority? HARestartPriority { get; set; }
    [Parameter] public HAIsolationResponse? HAIsolationResponse { get; set; }
    [Parameter] public SwitchParameter DrsEnabled { get; set; }
    [Parameter] public DrsAutomationLevel? DrsAutomationLevel { get; set; }
    [Parameter][ValidateRange(1, 5)] public int? DrsMigrationThreshold { get; set; }
    /// <summary>Let VMs of this cluster move to hosts outside it (default: refused, as the seed's rule).</summary>
    [Parameter] public SwitchParameter AllowMigrationOutOfCluster { get; set; }

    private protected ClusterChange Settings(string? newName = null)
    {
        bool? Switch(string name) => MyInvocation.BoundParameters.TryGetValue(name, out object? v) ? ((SwitchParameter)v).IsPresent : null;
        return new ClusterChange
        {
            NewName = newName,
            HAEnabled = Switch(nameof(HAEnabled)),
            HAAdmissionControlEnabled = Switch(nameof(HAAdmissionControlEnabled)),
            HAFailoverLevel = HAFailoverLevel,
            HARestartPriority = HARestartPriority,
            HAIsolationResponse = HAIsolationResponse,
            DrsEnabled = Switch(nameof(DrsEnabled)),
            DrsAutomationLevel = DrsAutomationLevel,
            DrsMigrationThreshold = DrsMigrationThreshold,
            AllowMigrationOutOfCluster = Switch(nameof(AllowMigrationOutOfCluster)),
        };
    }
}

/// <summary>Creates a cluster in the inventory.</summary>
[Cmdlet(VerbsCommon.New, "Cluster", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(Cluster))]
public sealed class NewClusterCommand : ClusterSettingsCommand
{
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = null!;

    /// <summary>Member hosts (objects or names). Hosts are not checked here: use Move-VMHost to add with checks, or Test-ClusterCompatibility.</summary>
    [Parameter(Position = 1, ValueFromPipeline = true)]
    [VMHostTransformation]
    [ArgumentCompleter(typeof(VMHostNameCompleter))]
    [ValidateNotNullOrEmpty]
    public VMHostArgument[]? VMHost { get; set; }

    private readonly List<VIServer> _hosts = new();

    protected override void Process()
    {
        if (VMHost is null)
        {
            return;
        }
        // The cluster is made of all its hosts: one that names nothing stops the command before anything is written.
        var found = HostResolver.Resolve(VMHost, containers: false, Session);
        for (int i = 0; i < found.Errors.Count; i++)
        {
            if (i == found.Errors.Count - 1)
            {
                ThrowVIError(found.Errors[i]);
            }
            WriteVIError(found.Errors[i]);
        }
        _hosts.AddRange(found.Items.Except(_hosts));
    }

    protected override void End()
    {
        if (!ShouldProcess($"Cluster '{MessageText.Input(Name)}' with {_hosts.Count} host(s): {string.Join(", ", _hosts.Select(h => h.Name))}", "Create"))
        {
            return;
        }
        try
        {
            WriteObject(Session.Clusters.New(Name, _hosts.Select(HostService.Identify).ToList(), Settings()));
        }
        catch (VIToolkitException e)
        {
            ThrowVIError(e);
        }
    }
}

/// <summary>Gets clusters from the inventory, with their members' live figures.</summary>
[Cmdlet(VerbsCommon.Get, "Cluster")]
[OutputType(typeof(Cluster))]
public sealed class GetClusterCommand : VIToolkitCmdlet
{
    [Parameter(Position = 0)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(ClusterNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    /// <summary>The cluster these hosts belong to.</summary>
    [Parameter(ValueFromPipeline = true)]
    [VMHostTransformation]
    [ArgumentCompleter(typeof(VMHostNameCompleter))]
    [ValidateNotNullOrEmpty]
    public VMHostArgument[]? VMHost { get; set; }

    // Several piped hosts of one cluster give that cluster once.
    private readonly HashSet<string> _written = new(System.StringComparer.Ordinal);

    protected override void Process()
    {
        var hosts = VMHost is null ? null : Found(HostResolver.Resolve(VMHost, containers: false, Session));
        var patterns = (Name ?? new[] { "*" }).Select(NamePattern.Create).ToList();
        IReadOnlyList<Cluster> clusters;
        try
        {
            clusters = Session.Clusters.Get(patterns, CancellationToken);
        }
        catch (VIToolkitException e)
        {
            ThrowVIError(e);
            return;
        }
        var named = clusters;
        if (hosts is not null)
        {
            var uris = hosts.Select(h => h.Uri).ToHashSet();
            clusters = clusters.Where(c => c.VMHostUris.Any(uris.Contains)).ToList();
        }
        WriteObject(clusters.Where(c => _written.Add(c.Id)), enumerateCollection: true);
        foreach (var missing in patterns.Where(p => !p.IsWildcard && !named.Any(c => string.Equals(c.Name, p.Literal, System.StringComparison.OrdinalIgnoreCase))))
        {
            WriteVIError(new ObjectNotFoundException("ClusterNotFound", $"No cluster named '{MessageText.Input(missing.Literal)}' is in the inventory.", missing.Literal));
        }
    }
}

/// <summary>Changes a cluster's HA and DRS settings, or renames it.</summary>
[Cmdlet(VerbsCommon.Set, "Cluster", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(Cluster))]
public sealed class SetClusterCommand : ClusterSettingsCommand
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ClusterTransformation]
    [ArgumentCompleter(typeof(ClusterNameCompleter))]
    [ValidateNotNull]
    [AllowEmptyCollection] // an empty list does nothing, as an empty pipeline does
    public ClusterArgument[] Cluster { get; set; } = null!;

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    protected override void Process()
    {
        var change = Settings(Name);
        foreach (var cluster in Found(ClusterResolver.Resolve(Cluster, Session)))
        {
            if (!ShouldProcess($"Cluster '{cluster.Name}'", "Set"))
            {
                continue;
            }
            try
            {
                WriteObject(Session.Clusters.Set(cluster.Name, change));
            }
            catch (VIToolkitException e)
            {
                WriteVIError(e, target: cluster);
            }
        }
    }
}

/// <summary>Removes clusters from the inventory; their hosts and VMs are not touched.</summary>
[Cmdlet(VerbsCommon.Remove, "Cluster", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))] // outputs nothing
public sealed class RemoveClusterCommand : VIToolkitCmdlet
{
    /// <summary>Clusters (objects or names; an exact name that does not exist is a ClusterNotFound error).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ClusterTransformation]
    [ArgumentCompleter(typeof(ClusterNameCompleter))]
    [ValidateNotNullOrEmpty]
    public ClusterArgument[] Cluster { get; set; } = null!;

    protected override void Process()
    {
        var service = Session.Clusters;
        foreach (var cluster in Found(ClusterResolver.Resolve(Cluster, Session)))
        {
            if (!ShouldProcess($"Cluster '{cluster.Name}' (its hosts and VMs are kept)", "Remove"))
            {
                continue;
            }
            try
            {
                service.Remove(cluster.Name);
            }
            catch (VIToolkitException e)
            {
                WriteVIError(e, target: cluster.Name);
            }
        }
    }
}

/// <summary>Completes cluster names from the inventory.</summary>
public sealed class ClusterNameCompleter : NameCompleter
{
    protected override IEnumerable<string> Names(IReadOnlyList<Core.Connections.VIServer> servers) =>
        VISession.Default.Inventory.Read().Clusters.Select(c => c.Name);
}

/// <summary>Completes a migration destination: host names, then cluster names.</summary>
public sealed class DestinationNameCompleter : NameCompleter
{
    protected override IEnumerable<string> Names(IReadOnlyList<Core.Connections.VIServer> servers)
    {
        IEnumerable<string> clusters;
        try
        {
            clusters = VISession.Default.Inventory.Read().Clusters.Select(c => c.Name).ToList();
        }
        catch (VIToolkitException)
        {
            clusters = System.Array.Empty<string>(); // an unreadable inventory only loses the cluster names here
        }
        return servers.Select(s => s.Name).Concat(clusters);
    }
}
