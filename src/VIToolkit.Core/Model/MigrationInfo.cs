using System;

namespace VIToolkit.Core.Model;

/// <summary>PowerCLI-style choice of how to move a VM.</summary>
public enum MigrationType
{
    /// <summary>Live when the VM runs and both hosts can migrate live; offline otherwise.</summary>
    Auto,
    /// <summary>The VM keeps running (libvirt live migration); refused when it cannot be done.</summary>
    Live,
    /// <summary>The definition moves; a running VM is powered off on the source and on again on the destination.</summary>
    Offline,
}

/// <summary>What happened in one move: how, how long, how much, and the guest's pause as libvirt measured it.</summary>
public sealed class MigrationInfo
{
    internal MigrationInfo(MigrationType type, string method, string source, string destination, DateTime started, TimeSpan duration,
        ulong? downtimeMs, ulong? bytesTransferred, bool poweredOffForMove)
    {
        Type = type;
        Method = method;
        Source = source;
        Destination = destination;
        StartTime = started;
        Duration = duration;
        DowntimeMs = downtimeMs;
        BytesTransferred = bytesTransferred;
        PoweredOffForMove = poweredOffForMove;
    }

    /// <summary>Live or Offline (never Auto: what was actually done).</summary>
    public MigrationType Type { get; }
    /// <summary>How: e.g. "virDomainMigrateToURI3 (live, peer-to-peer)" or "define on destination, undefine on source (offline)".</summary>
    public string Method { get; }
    public string Source { get; }
    public string Destination { get; }
    public DateTime StartTime { get; }
    /// <summary>Wall time of the move, checks excluded.</summary>
    public TimeSpan Duration { get; }
    /// <summary>The guest's pause at switch-over as libvirt reports it (live moves only).</summary>
    public ulong? DowntimeMs { get; }
    /// <summary>Data libvirt sent (live moves only).</summary>
    public ulong? BytesTransferred { get; }
    /// <summary>True when a running VM was powered off and on again (an offline move of a running VM).</summary>
    public bool PoweredOffForMove { get; }

    public override string ToString() => $"{Type} {Source} -> {Destination} in {Duration.TotalSeconds:N1} s" + (DowntimeMs is ulong d ? $", downtime {d} ms" : string.Empty);
}
