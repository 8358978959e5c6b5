using System;
using System.Collections.Generic;
using System.Linq;
using VIToolkit.Core.Connections;
using VIToolkit.Core.Inventory;

namespace VIToolkit.Core.Clusters;

/// <summary>A cluster as stored, with its members' live figures where they are connected.</summary>
public sealed class Cluster
{
    internal Cluster(ClusterRecord record, IReadOnlyList<VIServer?> members, IReadOnlyList<Model.VMHost?> hosts)
    {
        Name = record.Name;
        Id = record.Id.ToString("D");
        HAEnabled = record.HA.Enabled;
        HAAdmissionControlEnabled = record.HA.AdmissionControlEnabled;
        HAFailoverLevel = record.HA.FailoverLevel;
        HARestartPriority = record.HA.RestartPriority;
        HAIsolationResponse = record.HA.IsolationResponse;
        DrsEnabled = record.Drs.Enabled;
        DrsAutomationLevel = record.Drs.AutomationLevel;
        DrsMigrationThreshold = record.Drs.MigrationThreshold;
        AllowMigrationOutOfCluster = record.AllowMigrationOutOfCluster;
        VMHostNames = record.Hosts.Select(h => h.Name).ToArray();
        VMHostUris = record.Hosts.Select(h => h.Uri).ToArray();
        MaintenanceHosts = record.Hosts.Where(h => h.Maintenance).Select(h => h.Name).ToArray();
        HostCount = record.Hosts.Count;
        ConnectedHostCount = members.Count(m => m is { IsConnected: true });
        var live = hosts.Where(h => h is not null).Select(h => h!).ToList();
        VMCount = live.Sum(h => h.VMCount ?? 0);
        CpuTotalMhz = live.Sum(h => h.CpuTotalMhz);
        NumCpu = live.Sum(h => h.NumCpu);
        MemoryTotalGB = Math.Round(live.Sum(h => h.MemoryTotalGB), 2);
        MemoryUsageGB = Math.Round(live.Sum(h => h.MemoryUsageGB ?? 0), 2);
        Revision = record.Revision;
        Created = record.CreatedUtc;
        Modified = record.ModifiedUtc;
        Servers = members.Where(m => m is not null).Select(m => m!).ToArray();
    }

    public string Name { get; }
    public string Id { get; }
    public bool HAEnabled { get; }
    public bool HAAdmissionControlEnabled { get; }
    public int HAFailoverLevel { get; }
    public HARestartPriority HARestartPriority { get; }
    public HAIsolationResponse HAIsolationResponse { get; }
    public bool DrsEnabled { get; }
    public DrsAutomationLevel DrsAutomationLevel { get; }
    public int DrsMigrationThreshold { get; }
    public bool AllowMigrationOutOfCluster { get; }
    public string[] VMHostNames { get; }
    /// <summary>Member URIs (never with a password): what Connect-VIServer -Cluster reconnects.</summary>
    public string[] VMHostUris { get; }
    public string[] MaintenanceHosts { get; }
    public int HostCount { get; }
    public int ConnectedHostCount { get; }
    /// <summary>VMs on the connected members.</summary>
    public int VMCount { get; }
    public int NumCpu { get; }
    public int CpuTotalMhz { get; }
    public double MemoryTotalGB { get; }
    public double MemoryUsageGB { get; }
    public long Revision { get; }
    public DateTime Created { get; }
    public DateTime Modified { get; }
    /// <summary>The connected member hosts' servers.</summary>
    public VIServer[] Servers { get; }

    public override string ToString() => Name;
}
