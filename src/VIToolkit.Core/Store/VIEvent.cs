using System;
using System.Collections.Generic;

namespace VIToolkit.Core.Store;

/// <summary>How much an event matters (vSphere's info, warning, error).</summary>
public enum EventSeverity
{
    Info,
    Warning,
    Error,
}

/// <summary>
/// Something that happened (PowerCLI's VIEvent): a change VIToolkit made, a change seen on a host, an HA or DRS
/// decision. Stored in the store, so every admin and the monitor see the same history.
/// </summary>
public sealed class VIEvent
{
    /// <summary>Monotonic in the store (0 until stored).</summary>
    public long Key { get; internal set; }

    /// <summary>When it happened, in UTC.</summary>
    public DateTime CreatedTime { get; init; } = DateTime.UtcNow;

    /// <summary>vSphere's event type names: VmPoweredOnEvent, VmMigratedEvent, EnteredMaintenanceModeEvent…</summary>
    public required string Type { get; init; }

    public EventSeverity Severity { get; init; } = EventSeverity.Info;

    /// <summary>VirtualMachine, HostSystem or ClusterComputeResource (vSphere's managed object types).</summary>
    public string? EntityType { get; init; }

    public string? EntityName { get; init; }

    /// <summary>The entity's Id: a VM's UUID, a host's URI (without password), a cluster's Id.</summary>
    public string? EntityId { get; init; }

    /// <summary>The host it happened on.</summary>
    public string? Host { get; init; }

    /// <summary>The cluster it happened in, when known.</summary>
    public string? Cluster { get; init; }

    /// <summary>Who made the change (the OS user of the process), or null for changes seen on a host.</summary>
    public string? UserName { get; init; } = Environment.UserName;

    public required string FullFormattedMessage { get; init; }

    /// <summary>The task the event belongs to (Task-12), when it came from one.</summary>
    public string? ChainId { get; init; }

    /// <summary>What else is known (e.g. a move's type and downtime).</summary>
    public IReadOnlyDictionary<string, string> Data { get; init; } = new Dictionary<string, string>();

    public override string ToString() => $"{CreatedTime:u} {Type}: {FullFormattedMessage}";
}

/// <summary>Which events Get-VIEvent wants. Every condition given must hold; within one, any value may match.</summary>
public sealed class EventQuery
{
    /// <summary>Entity Ids: an event matches when its entity is one of them.</summary>
    public IReadOnlyList<string> EntityIds { get; init; } = Array.Empty<string>();

    /// <summary>Host names: an event matches when it happened on one of them (the host's own events and its VMs').</summary>
    public IReadOnlyList<string> Hosts { get; init; } = Array.Empty<string>();

    /// <summary>Cluster names: an event matches when it happened in one of them.</summary>
    public IReadOnlyList<string> Clusters { get; init; } = Array.Empty<string>();

    public DateTime? Start { get; init; }

    public DateTime? Finish { get; init; }

    public IReadOnlyList<string> Types { get; init; } = Array.Empty<string>();

    public IReadOnlyList<string> UserNames { get; init; } = Array.Empty<string>();

    /// <summary>At most this many, newest first; null for every match.</summary>
    public int? MaxSamples { get; init; }

    /// <summary>Names: an event matches when its entity, host or cluster has one of them.</summary>
    public IReadOnlyList<string> Names { get; init; } = Array.Empty<string>();

    /// <summary>Severities: an event matches when it has one of them (PowerCLI's -Types Error, Warning, Info).</summary>
    public IReadOnlyList<EventSeverity> Severities { get; init; } = Array.Empty<EventSeverity>();

    internal bool HasEntity => EntityIds.Count + Hosts.Count + Clusters.Count + Names.Count > 0;
}

/// <summary>What a query found: the events, newest first, and whether MaxSamples left some out.</summary>
public sealed record EventPage(IReadOnlyList<VIEvent> Events, bool Truncated);
