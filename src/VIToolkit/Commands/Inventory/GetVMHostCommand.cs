using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using VIToolkit.Base;
using VIToolkit.Completers;
using VIToolkit.Core;
using VIToolkit.Core.Connections;
using VIToolkit.Core.Model;
using VIToolkit.Core.Services;

namespace VIToolkit.Commands.Inventory;

/// <summary>Gets hosts.</summary>
[Cmdlet(VerbsCommon.Get, "VMHost", DefaultParameterSetName = ByName)]
[OutputType(typeof(VMHost))]
public sealed class GetVMHostCommand : VIToolkitCmdlet
{
    private const string ByName = "ByName";
    private const string ById = "ById";
    private const string ByVM = "ByVM";
    private const string ByLocation = "ByLocation";

    // Hosts already written by this invocation: `Get-VM | Get-VMHost` names each host once.
    private readonly HashSet<string> _written = new(System.StringComparer.OrdinalIgnoreCase);

    [Parameter(Position = 0, ParameterSetName = ByName)]
    [Parameter(Position = 0, ParameterSetName = ByVM)]
    [Parameter(Position = 0, ParameterSetName = ByLocation)]
    [ArgumentCompleter(typeof(VMHostNameCompleter))]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = ById)]
    [ValidateNotNullOrEmpty]
    public string[] Id { get; set; } = null!;

    /// <summary>The hosts these VMs run on.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ByVM)]
    [VirtualMachineTransformation]
    [ArgumentCompleter(typeof(VMNameCompleter))]
    [ValidateNotNullOrEmpty]
    public VMArgument[] VM { get; set; } = null!;

    /// <summary>The member hosts of these clusters (objects or names).</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ByLocation)]
    [ClusterTransformation]
    [ArgumentCompleter(typeof(Clusters.ClusterNameCompleter))]
    [ValidateNotNullOrEmpty]
    public ClusterArgument[] Location { get; set; } = null!;

    [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = ByName)]
    [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = ById)]
    [VIServerTransformation]
    [ArgumentCompleter(typeof(VIServerNameCompleter))]
    [ValidateNotNullOrEmpty]
    public VIServerArgument[]? Server { get; set; }

    protected override void Process()
    {
        IReadOnlyList<VIServer> servers = ParameterSetName switch
        {
            // The VMs are read again: a VM removed since it was read has no host.
            ByVM => Found(VMResolver.Resolve(VM, VMNameScope.Connected(Session), reread: true, CancellationToken)).Select(vm => vm.Server).Distinct().ToList(),
            ByLocation => Members(Found(ClusterResolver.Resolve(Location, Session))),
            _ => ResolveServers(Server),
        };

        var patterns = (Name ?? new[] { "*" }).Select(NamePattern.Create).ToList();
        var selected = servers.Where(s => patterns.Any(p => ServerNames.Matches(p, s))).ToList();
        if (ParameterSetName == ById)
        {
            selected = servers.Where(s => Id.Contains(s.Id, System.StringComparer.OrdinalIgnoreCase)).ToList();
            foreach (string id in Id.Where(id => !servers.Any(s => string.Equals(s.Id, id, System.StringComparison.OrdinalIgnoreCase))))
            {
                WriteVIError(new ObjectNotFoundException("VMHostNotFound", $"No connected host has the Id '{MessageText.Input(id)}'.", id));
            }
        }
        else
        {
            foreach (var missing in patterns.Where(p => !p.IsWildcard && !servers.Any(s => string.Equals(p.Literal, s.Name, System.StringComparison.OrdinalIgnoreCase))))
            {
                WriteVIError(new ObjectNotFoundException("VMHostNotFound", $"No connected host is named '{MessageText.Input(missing.Literal)}'.", missing.Literal));
            }
        }

        // Each host is read once per invocation, however many of its VMs come down the pipeline.
        selected = selected.Where(s => !_written.Contains(s.Id)).ToList();
        var hosts = ParallelHosts.Run(selected, HostService.GetVMHost, CancellationToken);
        foreach (var result in hosts)
        {
            if (result.Error is not null)
            {
                WriteVIError(result.Error);
            }
            else if (_written.Add(result.Value!.Id))
            {
                WriteObject(result.Value);
            }
        }
    }

    /// <summary>The connected members of the clusters; a warning for each cluster with members that are not connected.</summary>
    private List<VIServer> Members(IReadOnlyList<Core.Inventory.ClusterRecord> clusters)
    {
        var servers = new List<VIServer>();
        foreach (var cluster in clusters)
        {
            var members = Session.Clusters.MemberServers(cluster);
            int away = members.Count(m => m is null);
            if (away > 0)
            {
                WriteWarning($"Cluster '{cluster.Name}': {away} of {members.Count} member host(s) are not connected (Connect-VIServer -Cluster '{cluster.Name}').");
            }
            servers.AddRange(members.OfType<VIServer>().Except(servers));
        }
        return servers;
    }
}
