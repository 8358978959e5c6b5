using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using VIToolkit.Core.Connections;
using VIToolkit.Core.Inventory;
using VIToolkit.Core.Model;
using VIToolkit.Core.Services;

namespace VIToolkit.Core.Clusters;

/// <summary>What Set-Cluster changes; null leaves a setting as it is.</summary>
public sealed class ClusterChange
{
    public string? NewName { get; init; }
    public bool? HAEnabled { get; init; }
    public bool? HAAdmissionControlEnabled { get; init; }
    public int? HAFailoverLevel { get; init; }
    public HARestartPriority? HARestartPriority { get; init; }
    public HAIsolationResponse? HAIsolationResponse { get; init; }
    public bool? DrsEnabled { get; init; }
    public DrsAutomationLevel? DrsAutomationLevel { get; init; }
    public int? DrsMigrationThreshold { get; init; }
    public bool? AllowMigrationOutOfCluster { get; init; }

    internal void ApplyTo(ClusterRecord record)
    {
        if (HAEnabled is bool ha) { record.HA.Enabled = ha; }
        if (HAAdmissionControlEnabled is bool admission) { record.HA.AdmissionControlEnabled = admission; }
        if (HAFailoverLevel is int level) { record.HA.FailoverLevel = level; }
        if (HARestartPriority is { } priority) { record.HA.RestartPriority = priority; }
        if (HAIsolationResponse is { } isolation) { record.HA.IsolationResponse = isolation; }
        if (DrsEnabled is bool drs) { record.Drs.Enabled = drs; }
        if (DrsAutomationLevel is { } automation) { record.Drs.AutomationLevel = automation; }
        if (DrsMigrationThreshold is int threshold) { record.Drs.MigrationThreshold = threshold; }
        if (AllowMigrationOutOfCluster is bool allow) { record.AllowMigrationOutOfCluster = allow; }
    }

    internal void Validate()
    {
        if (NewName is not null)
        {
            ClusterService.ValidateName(NewName);
        }
        if (HAFailoverLevel is < 1 or > 31)
        {
            throw new InvalidInputException("InvalidFailoverLevel", $"HAFailoverLevel must be between 1 and 31 (got {HAFailoverLevel}).", HAFailoverLevel);
        }
        if (DrsMigrationThreshold is < 1 or > 5)
        {
            throw new InvalidInputException("InvalidMigrationThreshold", $"DrsMigrationThreshold must be between 1 and 5 (got {DrsMigrationThreshold}).", DrsMigrationThreshold);
        }
    }
}

/// <summary>Clusters in the inventory: create, read, change, remove, and move hosts in and out.</summary>
public sealed class ClusterService
{
    private readonly IInventoryStore _store;
    private readonly ConnectionManager _connections;
    private readonly Engine.EventLog? _events;

    public ClusterService(IInventoryStore store, ConnectionManager connections, Engine.EventLog? events = null)
    {
        _store = store;
        _connections = connections;
        _events = events;
    }

    public IInventoryStore Store => _store;

    /// <summary>A cluster name: 1-80 characters, no control or wildcard characters, no leading or trailing spaces.</summary>
    public static void ValidateName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 80 || name != name.Trim()
            || name.Any(c => char.IsControl(c) || c is '*' or '?' or '[' or ']' or '`'))
        {
            throw new InvalidInputException("InvalidClusterName",
                $"'{MessageText.Input(name)}' is not a valid cluster name: use 1-80 characters, without control characters, wildcards (* ? [ ] `) or leading/trailing spaces.", name);
        }
    }

    public Cluster New(string name, IReadOnlyList<VMHost> hosts, ClusterChange settings)
    {
        ValidateName(name);
        settings.Validate();
        var record = _store.Update(document =>
        {
            if (document.Clusters.Any(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase)))
            {
                throw new VIToolkitException("ClusterAlreadyExists", ErrorKind.AlreadyExists, $"A cluster named '{MessageText.Input(name)}' already exists.") { Target = name };
            }
            var now = DateTime.UtcNow;
            var cluster = new ClusterRecord { Id = Guid.NewGuid(), Name = name, CreatedUtc = now, ModifiedUtc = now, Revision = 1 };
            settings.ApplyTo(cluster);
            foreach (var host in hosts.GroupBy(h => h.Uri).Select(g => g.First()))
            {
                EnsureNotClustered(document, host, except: null);
                cluster.Hosts.Add(new ClusterHostRecord { Name = host.Name, Uri = host.Uri, Id = host.Id });
            }
            document.Clusters.Add(cluster);
            return cluster;
        });
        _events?.Cluster("ClusterCreatedEvent", record, $"Cluster {record.Name} was created" + (record.Hosts.Count > 0 ? $" with {string.Join(", ", record.Hosts.Select(h => h.Name))}" : string.Empty));
        return Describe(record, CancellationToken.None);
    }

    /// <summary>Clusters whose names match, in name order, with live figures.</summary>
    public IReadOnlyList<Cluster> Get(IReadOnlyList<NamePattern>? names, CancellationToken cancellationToken)
    {
        var document = _store.Read();
        var records = document.Clusters
            .Where(c => names is null || names.Count == 0 || names.Any(n => n.IsWildcard ? n.IsMatch(c.Name) : string.Equals(n.Literal, c.Name, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
        return records.Select(r => Describe(r, cancellationToken, document)).ToList();
    }

    /// <summary>The stored record of one cluster; ClusterNotFound when there is none.</summary>
    public ClusterRecord Find(string name) =>
        _store.Read().Clusters.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw NotFound(name);

    public Cluster Set(string name, ClusterChange change)
    {
        change.Validate();
        var record = _store.Update(document =>
        {
            var cluster = FindIn(document, name);
            if (change.NewName is { } newName && !string.Equals(newName, cluster.Name, StringComparison.Ordinal))
            {
                if (document.Clusters.Any(c => c != cluster && string.Equals(c.Name, newName, StringComparison.OrdinalIgnoreCase)))
                {
                    throw new VIToolkitException("ClusterAlreadyExists", ErrorKind.AlreadyExists, $"A cluster named '{MessageText.Input(newName)}' already exists.") { Target = newName };
                }
                cluster.Name = newName;
            }
            change.ApplyTo(cluster);
            cluster.Revision++;
            cluster.ModifiedUtc = DateTime.UtcNow;
            return cluster;
        });
        _events?.Cluster("ClusterReconfiguredEvent", record, $"Cluster {record.Name} was reconfigured");
        return Describe(record, CancellationToken.None);
    }

    /// <summary>Forgets the cluster; its hosts and VMs are not touched.</summary>
    public void Remove(string name)
    {
        var removed = _store.Update(document =>
        {
            var cluster = FindIn(document, name);
            document.Clusters.Remove(cluster);
            return cluster;
        });
        _events?.Cluster("ClusterDestroyedEvent", removed, $"Cluster {removed.Name} was removed (its hosts and VMs are untouched)");
    }

    /// <summary>Adds a host to a cluster (moving it out of another one it belongs to is refused: remove it there first).</summary>
    public Cluster AddHost(string clusterName, VMHost host)
    {
        bool added = false;
        var record = _store.Update(document =>
        {
            var cluster = FindIn(document, clusterName);
            if (cluster.Hosts.Any(h => h.Uri == host.Uri))
            {
                return cluster;
            }
            EnsureNotClustered(document, host, except: cluster);
            cluster.Hosts.Add(new ClusterHostRecord { Name = host.Name, Uri = host.Uri, Id = host.Id });
            cluster.Revision++;
            cluster.ModifiedUtc = DateTime.UtcNow;
            added = true;
            return cluster;
        });
        if (added)
        {
            // Recorded once the change is stored, never for one that failed to commit.
            HostEvent("HostAddedToClusterEvent", host, record.Name, $"Host {host.Name} was added to cluster {record.Name}");
        }
        return Describe(record, CancellationToken.None);
    }

    /// <summary>Takes a host out of whatever cluster it is in; false when it was in none.</summary>
    public bool RemoveHost(VMHost host)
    {
        string? from = _store.Update(document =>
        {
            var cluster = document.Clusters.FirstOrDefault(c => c.Hosts.Any(h => h.Uri == host.Uri));
            if (cluster is null)
            {
                return null;
            }
            cluster.Hosts.RemoveAll(h => h.Uri == host.Uri);
            cluster.Revision++;
            cluster.ModifiedUtc = DateTime.UtcNow;
            return cluster.Name;
        });
        if (from is not null)
        {
            HostEvent("HostRemovedFromClusterEvent", host, from, $"Host {host.Name} was removed from cluster {from}");
        }
        return from is not null;
    }

    private void HostEvent(string type, VMHost host, string cluster, string message) =>
        _events?.Record(new Store.VIEvent
        {
            Type = type, EntityType = "HostSystem", EntityName = host.Name, EntityId = host.Uri,
            Host = host.Name, Cluster = cluster, FullFormattedMessage = message,
        });

    /// <summary>Stores a member host's maintenance mark (the one place it is kept). Use <c>VISession.SetMaintenance</c>, which also tells the subscribers.</summary>
    internal void SetMaintenance(VIServer server, bool maintenance)
    {
        _store.Update(document =>
        {
            var member = document.Clusters.SelectMany(c => c.Hosts).FirstOrDefault(h => h.Uri == server.Uri)
                ?? throw new VIToolkitException("HostNotInCluster", ErrorKind.InvalidState,
                    $"Host '{server.Name}' is in no cluster; maintenance mode and evacuation are cluster matters (New-Cluster, Move-VMHost).") { Target = server.Name };
            member.Maintenance = maintenance;
            return true;
        });
    }

    /// <summary>
    /// The members a VM may be placed on: connected and neither in nor entering maintenance, optionally without one
    /// host (the one being evacuated), in member order.
    /// </summary>
    public IReadOnlyList<VIServer> PlacementCandidates(ClusterRecord record, string? exceptUri = null)
    {
        var inventory = _store.Read();
        return MemberServers(record)
            .OfType<VIServer>()
            .Where(s => s.Uri != exceptUri && (s.Session?.StateOf(s, inventory) ?? s.ConnectionState) == HostConnectionState.Connected)
            .ToList();
    }

    /// <summary>Stores how other hosts' daemons reach this host for migrations; an empty string clears a value, null keeps it.</summary>
    public HostSettingsRecord SetHostSettings(VMHost host, string? migrationUri, string? migrationDataUri)
    {
        // The inventory never holds a secret: a URI with a password is refused, not stored (nor silently cut).
        foreach (var (parameter, value) in new[] { ("MigrationUri", migrationUri), ("MigrationDataUri", migrationDataUri) })
        {
            if (!string.IsNullOrEmpty(value) && Redaction.RedactUris(value) != value)
            {
                throw new InvalidInputException("CredentialInUri",
                    $"-{parameter} '{MessageText.Input(value)}' holds a password, which VIToolkit never stores. Give the URI without it: the daemons authenticate each other by their own configuration (SASL, TLS certificates, SSH keys).",
                    Redaction.RedactUris(value));
            }
        }
        return SetHostSettingsChecked(host, migrationUri, migrationDataUri);
    }

    private HostSettingsRecord SetHostSettingsChecked(VMHost host, string? migrationUri, string? migrationDataUri) => _store.Update(document =>
    {
        var record = document.Hosts.FirstOrDefault(h => h.Uri == host.Uri);
        if (record is null)
        {
            record = new HostSettingsRecord { Uri = host.Uri, Name = host.Name };
            document.Hosts.Add(record);
        }
        if (migrationUri is not null)
        {
            record.MigrationUri = migrationUri.Length == 0 ? null : Connections.ConnectionUri.Parse(migrationUri).Redacted;
        }
        if (migrationDataUri is not null)
        {
            record.MigrationDataUri = migrationDataUri.Length == 0 ? null : migrationDataUri;
        }
        record.Name = host.Name;
        return record;
    });

    /// <summary>The cluster a host belongs to, if any.</summary>
    public ClusterRecord? ClusterOf(VMHost host) => ClusterOf(host.Uri);

    public ClusterRecord? ClusterOf(string hostUri) => _store.Read().Clusters.FirstOrDefault(c => c.Hosts.Any(h => h.Uri == hostUri));

    /// <summary>The connected servers of a cluster's members, in member order (null for members not connected).</summary>
    public IReadOnlyList<VIServer?> MemberServers(ClusterRecord record)
    {
        var servers = _connections.Servers;
        return record.Hosts.Select(h => servers.FirstOrDefault(s => s.Uri == h.Uri && s.IsConnected)).ToList();
    }

    private Cluster Describe(ClusterRecord record, CancellationToken cancellationToken, InventoryDocument? document = null)
    {
        var members = MemberServers(record);
        var connected = members.Where(m => m is not null).Select(m => m!).ToList();
        var hosts = ParallelHosts.Run(connected, s => HostService.GetVMHost(s, document), cancellationToken);
        var byServer = hosts.Where(h => h.Succeeded).ToDictionary(h => h.Server, h => h.Value);
        return new Cluster(record, members, members.Select(m => m is not null && byServer.TryGetValue(m, out var h) ? h : null).ToList());
    }

    private static ClusterRecord FindIn(InventoryDocument document, string name) =>
        document.Clusters.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase)) ?? throw NotFound(name);

    private static ObjectNotFoundException NotFound(string name) =>
        new("ClusterNotFound", $"No cluster named '{MessageText.Input(name)}' is in the inventory.", name);

    private static void EnsureNotClustered(InventoryDocument document, VMHost host, ClusterRecord? except)
    {
        var other = document.Clusters.FirstOrDefault(c => c != except && c.Hosts.Any(h => h.Uri == host.Uri));
        if (other is not null)
        {
            throw new VIToolkitException("HostInAnotherCluster", ErrorKind.InvalidState,
                $"Host '{host.Name}' already belongs to cluster '{other.Name}'; a host is in one cluster at most. Take it out first: Move-VMHost '{host.Name}' -NoCluster.")
            { Target = host };
        }
    }
}
