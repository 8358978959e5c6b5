using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using VIToolkit.Base;
using VIToolkit.Core;
using VIToolkit.Core.Clusters;
using VIToolkit.Core.Connections;
using VIToolkit.Core.Model;
using VIToolkit.Core.Store;

namespace VIToolkit.Commands.Store;

/// <summary>Gets the events of the store (what VIToolkit did, and what was seen on the hosts), newest first.</summary>
[Cmdlet(VerbsCommon.Get, "VIEvent")]
[OutputType(typeof(VIEvent))]
public sealed class GetVIEventCommand : VIToolkitCmdlet
{
    /// <summary>Only events of these VMs, hosts (and their VMs) or clusters (and their hosts and VMs): objects or names.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true)]
    [ValidateNotNullOrEmpty]
    public object[]? Entity { get; set; }

    [Parameter]
    public DateTime? Start { get; set; }

    [Parameter]
    public DateTime? Finish { get; set; }

    /// <summary>Event types (VmPoweredOnEvent…), or the categories Error, Warning and Info.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Types { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Username { get; set; }

    /// <summary>At most this many (the newest); without it, every matching event.</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int? MaxSamples { get; set; }

    private readonly List<object> _entities = new();

    protected override void Process()
    {
        if (Entity is not null)
        {
            _entities.AddRange(Entity.Select(e => e is PSObject p ? p.BaseObject : e));
        }
    }

    protected override void End()
    {
        if (Start is { } s && Finish is { } f && s > f)
        {
            ThrowVIError(new InvalidInputException("InvalidTimeRange", $"-Start ({s:u}) is after -Finish ({f:u}).", null));
        }
        if (MyInvocation.ExpectingInput && _entities.Count == 0)
        {
            return; // an empty pipeline names no entity: no events, rather than all of them
        }
        var ids = new List<string>();
        var hosts = new List<string>();
        var clusters = new List<string>();
        var names = new List<string>();
        foreach (var entity in _entities)
        {
            switch (entity)
            {
                case VirtualMachine vm: ids.Add(vm.Id); break;
                case VMHost host: hosts.Add(host.Name); ids.Add(host.Uri); break;
                case VIServer server: hosts.Add(server.Name); ids.Add(server.Uri); break;
                case Cluster cluster: clusters.Add(cluster.Name); ids.Add(cluster.Id); break;
                case string name: names.Add(name); break;
                default:
                    WriteVIError(new InvalidInputException("InvalidEntity",
                        $"-Entity takes VMs, hosts, clusters or their names, not a {entity?.GetType().Name ?? "null"}.", entity));
                    break;
            }
        }
        var severities = new List<EventSeverity>();
        var types = new List<string>();
        foreach (string type in Types ?? Array.Empty<string>())
        {
            if (Enum.TryParse<EventSeverity>(type, ignoreCase: true, out var severity) && !type.All(char.IsDigit))
            {
                severities.Add(severity);
            }
            else
            {
                types.Add(type);
            }
        }
        if (_entities.Count > 0 && ids.Count + hosts.Count + clusters.Count + names.Count == 0)
        {
            return; // every entity given was refused
        }
        try
        {
            Session.Events.Flush(); // this session's own events first
        }
        catch (VIToolkitException e)
        {
            WriteWarning($"Events of this session not yet stored: {e.Message}");
        }
        var page = Session.Store.QueryEvents(new EventQuery
        {
            EntityIds = ids,
            Hosts = hosts,
            Clusters = clusters,
            Names = names,
            Start = Start?.ToUniversalTime(),
            Finish = Finish?.ToUniversalTime(),
            Types = types,
            Severities = severities,
            UserNames = Username ?? Array.Empty<string>(),
            MaxSamples = MaxSamples,
        });
        WriteObject(page.Events, enumerateCollection: true);
        if (page.Truncated)
        {
            WriteWarning($"More events match than -MaxSamples {MaxSamples}: these are the newest {MaxSamples}. Raise -MaxSamples, or narrow with -Start, -Finish, -Types or -Entity.");
        }
    }
}
