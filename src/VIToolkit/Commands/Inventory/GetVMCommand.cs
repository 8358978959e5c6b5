using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using VIToolkit.Base;
using VIToolkit.Commands.Clusters;
using VIToolkit.Completers;
using VIToolkit.Core;
using VIToolkit.Core.Connections;
using VIToolkit.Core.Model;
using VIToolkit.Core.Services;

namespace VIToolkit.Commands.Inventory;

/// <summary>Gets VMs.</summary>
[Cmdlet(VerbsCommon.Get, "VM", DefaultParameterSetName = ByName)]
[OutputType(typeof(VirtualMachine))]
public sealed class GetVMCommand : VIToolkitCmdlet
{
    private const string ByName = "ByName";
    private const string ById = "ById";

    /// <summary>VM names; wildcards list, exact names look up (case-sensitive, as libvirt).</summary>
    [Parameter(Position = 0, ParameterSetName = ByName)]
    [ArgumentCompleter(typeof(VMNameCompleter))]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    /// <summary>Domain UUIDs.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ById)]
    [ValidateNotNullOrEmpty]
    public string[] Id { get; set; } = null!;

    /// <summary>Only VMs on these hosts.</summary>
    [Parameter(ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [VMHostTransformation]
    [ArgumentCompleter(typeof(VMHostNameCompleter))]
    [ValidateNotNullOrEmpty]
    public VMHostArgument[]? VMHost { get; set; }

    /// <summary>Only VMs in these containers: clusters (their member hosts) or hosts, by object or name; clusters from the pipeline bind here.</summary>
    [Parameter(ValueFromPipeline = true)]
    [VMHostTransformation(ExpandClusters = true)]
    [ArgumentCompleter(typeof(DestinationNameCompleter))]
    [ValidateNotNullOrEmpty]
    public VMHostArgument[]? Location { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [VIServerTransformation]
    [ArgumentCompleter(typeof(VIServerNameCompleter))]
    [ValidateNotNullOrEmpty]
    public VIServerArgument[]? Server { get; set; }

    protected override void Process()
    {
        // Given hosts (or a cluster) scope the search even when none of them is connected.
        IReadOnlyList<VIServer> servers = VMHost is not null ? Found(HostResolver.Resolve(VMHost, containers: false, Session))
            : Location is not null ? Found(HostResolver.Resolve(Location, containers: true, Session))
            : ResolveServers(Server);

        var ids = new List<Guid>();
        if (ParameterSetName == ById)
        {
            foreach (string id in Id)
            {
                if (Guid.TryParse(id, out var uuid))
                {
                    ids.Add(uuid);
                }
                else
                {
                    WriteVIError(new InvalidInputException("InvalidVMId", $"'{MessageText.Input(id)}' is not a VM Id: a VM Id is its domain UUID, e.g. 4dea22b3-1d52-d8f3-2516-782e98ab3fa0.", id));
                }
            }
            if (ids.Count == 0)
            {
                return;
            }
        }

        var names = Name?.Select(NamePattern.Create).ToList();
        var result = VMService.Query(servers, names, ParameterSetName == ById ? ids : null, CancellationToken);
        foreach (var error in result.HostErrors)
        {
            WriteVIError(error);
        }
        WriteObject(result.VMs, enumerateCollection: true);

        string searched = result.HostErrors.Count == 0 ? string.Empty : $" ({result.HostErrors.Count} host(s) could not be searched)";
        foreach (string name in result.UnmatchedNames)
        {
            WriteVIError(new ObjectNotFoundException("VMNotFound", $"No VM named '{MessageText.Input(name)}' was found on {servers.Count - result.HostErrors.Count} host(s){searched}.", name));
        }
        foreach (var id in result.UnmatchedIds)
        {
            WriteVIError(new ObjectNotFoundException("VMNotFound", $"No VM with Id '{id}' was found{searched}.", id.ToString("D")));
        }
    }
}
