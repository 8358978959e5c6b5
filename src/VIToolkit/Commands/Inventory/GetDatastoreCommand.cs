using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using VIToolkit.Base;
using VIToolkit.Completers;
using VIToolkit.Core.Connections;
using VIToolkit.Core.Model;
using VIToolkit.Core.Services;

namespace VIToolkit.Commands.Inventory;

/// <summary>Gets datastores (libvirt storage pools).</summary>
[Cmdlet(VerbsCommon.Get, "Datastore", DefaultParameterSetName = HostFilteredCommand.ByName)]
[OutputType(typeof(Datastore))]
public sealed class GetDatastoreCommand : HostFilteredCommand
{
    [Parameter(Position = 0, ParameterSetName = ByName)]
    [ArgumentCompleter(typeof(DatastoreNameCompleter))]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    protected override void Process() =>
        WriteFiltered(DatastoreService.List, Name, d => d.Name, d => d.Id, "DatastoreNotFound", "datastore");
}

/// <summary>Gets libvirt networks.</summary>
[Cmdlet(VerbsCommon.Get, "VirtualNetwork", DefaultParameterSetName = HostFilteredCommand.ByName)]
[OutputType(typeof(VirtualNetwork))]
public sealed class GetVirtualNetworkCommand : HostFilteredCommand
{
    [Parameter(Position = 0, ParameterSetName = ByName)]
    [ArgumentCompleter(typeof(VirtualNetworkNameCompleter))]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    protected override void Process() =>
        WriteFiltered(NetworkService.List, Name, n => n.Name, n => n.Id, "VirtualNetworkNotFound", "network");
}

/// <summary>Shared shape of per-host object reads: -Name, -Id, -VMHost (pipeline), -Server.</summary>
public abstract class HostFilteredCommand : VIToolkitCmdlet
{
    internal const string ByName = "ByName";
    internal const string ById = "ById";

    [Parameter(Mandatory = true, ParameterSetName = ById)]
    [ValidateNotNullOrEmpty]
    public string[] Id { get; set; } = null!;

    /// <summary>Only objects of these hosts.</summary>
    [Parameter(ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Location")]
    [VMHostTransformation]
    [ArgumentCompleter(typeof(VMHostNameCompleter))]
    [ValidateNotNullOrEmpty]
    public VMHostArgument[]? VMHost { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [VIServerTransformation]
    [ArgumentCompleter(typeof(VIServerNameCompleter))]
    [ValidateNotNullOrEmpty]
    public VIServerArgument[]? Server { get; set; }

    private protected void WriteFiltered<T>(System.Func<VIServer, IReadOnlyList<T>> list, string[]? names,
        System.Func<T, string> nameOf, System.Func<T, string> idOf, string notFoundId, string noun)
    {
        // Given hosts scope the search even when none of them is connected.
        IReadOnlyList<VIServer> servers = VMHost is not null
            ? Found(HostResolver.Resolve(VMHost, containers: false, Session))
            : ResolveServers(Server);
        var patterns = (names ?? new[] { "*" }).Select(NamePattern.Create).ToList();
        var found = new HashSet<string>(System.StringComparer.Ordinal);
        var foundIds = new HashSet<string>(System.StringComparer.OrdinalIgnoreCase);
        int answered = 0;
        foreach (var result in ParallelHosts.Run(servers, list, CancellationToken))
        {
            if (result.Error is not null)
            {
                WriteVIError(result.Error);
                continue;
            }
            answered++;
            foreach (var item in result.Value!)
            {
                bool match = ParameterSetName == ById
                    ? Id.Contains(idOf(item), System.StringComparer.OrdinalIgnoreCase)
                    : patterns.Any(p => p.IsMatch(nameOf(item)));
                if (match)
                {
                    found.Add(nameOf(item));
                    foundIds.Add(idOf(item));
                    WriteObject(item);
                }
            }
        }
        var missing = ParameterSetName == ById
            ? Id.Where(id => !foundIds.Contains(id))
            : patterns.Where(p => !p.IsWildcard && !found.Contains(p.Literal!)).Select(p => p.Literal!);
        foreach (string name in missing)
        {
            WriteVIError(new Core.ObjectNotFoundException(notFoundId, $"No {noun} '{Core.MessageText.Input(name)}' was found on {answered} host(s).", name));
        }
    }
}
