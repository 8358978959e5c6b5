using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using VIToolkit.Core.Clusters;
using VIToolkit.Core.Connections;
using VIToolkit.Core.Inventory;
using VIToolkit.Core.Store;
using VIToolkit.Core.Migration;
using VIToolkit.Core.Model;
using VIToolkit.Core.Tasks;

namespace VIToolkit.Core.Engine;

/// <summary>A host's state changed: its link (connected, not responding, disconnected) or its maintenance mode.</summary>
public sealed class HostStateChangedEventArgs : EventArgs
{
    internal HostStateChangedEventArgs(VIServer server, HostConnectionState previous, HostConnectionState current, string? reason)
    {
        Server = server;
        Previous = previous;
        Current = current;
        Reason = reason;
        At = DateTime.UtcNow;
    }

    public VIServer Server { get; }
    public HostConnectionState Previous { get; }
    public HostConnectionState Current { get; }
    public string? Reason { get; }
    public DateTime At { get; }
}

/// <summary>
/// The composition root of VIToolkit (what vCenter is to its clients): the host connections, the inventory, the
/// tasks, the migration bounds and the host-state model, and the services built on them. Cmdlets reach it through
/// one property of their base class; tests make their own.
/// </summary>
/// <remarks>
/// There is one <see cref="Default"/> session per process rather than one per runspace, on purpose: libvirt's event
/// loop and connections are process resources; the per-host bound on outbound moves must hold across every runspace
/// of the process (two <c>ForEach-Object -Parallel</c> runspaces evacuating one host share its slots); and tasks
/// started with <c>-RunAsync</c> outlive the runspace that started them. What is per runspace stays per runspace:
/// <c>$DefaultVIServers</c> says which of the session's connections a runspace works on by default.
/// </remarks>
public sealed class VISession : IDisposable
{
    private readonly Func<StoreLocation> _where;
    private VIStore? _store;
    private readonly HashSet<string> _enteringMaintenance = new(StringComparer.Ordinal);
    private readonly object _gate = new();

    /// <summary>The session of this process.</summary>
    public static VISession Default { get; } = new();

    /// <param name="store">
    /// Where the store is (a SQLite path or a connection string), asked each time it is used; default:
    /// <see cref="StoreLocation.Current"/>, which follows $VITOOLKIT_STORE and the persisted setting.
    /// </param>
    public VISession(Func<string>? store = null)
    {
        _where = store is null ? () => StoreConfiguration.Effective().Location : () => StoreLocation.Parse(store());
        Connections = new ConnectionManager(this);
        Events = new EventLog(this);
    }

    /// <summary>What the session did, recorded in the store (Get-VIEvent).</summary>
    public EventLog Events { get; }

    public ConnectionManager Connections { get; }

    public TaskManager Tasks { get; } = new();

    public MigrationGates MigrationGates { get; } = new();

    /// <summary>Raised on the thread that saw the change (libvirt's event-loop thread for a dropped link): handlers must be quick and must not throw.</summary>
    public event EventHandler<HostStateChangedEventArgs>? HostStateChanged;

    /// <summary>
    /// The store (inventory, events, task history). Where it is is asked each time ($VITOOLKIT_STORE may change
    /// between commands); the store of one location is opened once and kept.
    /// </summary>
    public VIStore Store
    {
        get
        {
            var where = _where();
            lock (_gate)
            {
                if (_store is null || !_store.Where.Equals(where))
                {
                    // A store replaced here may still be in use by another thread: it is left to finish, not closed.
                    _store = VIStore.Open(where);
                }
                return _store;
            }
        }
    }

    /// <summary>The inventory, kept in the store.</summary>
    public IInventoryStore Inventory => Store;

    public ClusterService Clusters => new(Inventory, Connections, Events);

    public MigrationService Migration => new(this);

    public MaintenanceService Maintenance => new(this);

    public PlanRunner Plans => new(this);

    /// <summary>Connects to a host (or returns the open connection to it).</summary>
    public VIServer Connect(string uri, string? name, NetworkCredential? credential, bool readOnly, out bool reused) =>
        Connections.Connect(uri, name, credential, readOnly, out reused);

    /// <summary>Reads the hosts (and the inventory once) into a snapshot that every planning question shares.</summary>
    public ClusterSnapshot Snapshot(IEnumerable<VIServer> servers, CancellationToken cancellationToken, int maxParallel = Services.ParallelHosts.DefaultMaxParallel) =>
        ClusterSnapshot.Read(this, servers, cancellationToken, maxParallel);

    /// <summary>
    /// A host's state as the session sees it: the link first (a host that does not answer is NotResponding whatever
    /// the inventory says), then a move into maintenance under way, then the maintenance mark of the inventory. When
    /// the inventory cannot be read, the link's state is shown: reading hosts does not need the inventory (planning
    /// does, and reads it itself, so it fails with the inventory's error instead of guessing).
    /// </summary>
    public HostConnectionState StateOf(VIServer server, InventoryDocument? inventory = null)
    {
        var link = server.ConnectionState;
        if (link != HostConnectionState.Connected)
        {
            return link;
        }
        lock (_gate)
        {
            if (_enteringMaintenance.Contains(server.Uri))
            {
                return HostConnectionState.EnteringMaintenance;
            }
        }
        if (inventory is null)
        {
            try
            {
                inventory = Inventory.Read();
            }
            catch (VIToolkitException)
            {
                return link;
            }
        }
        return inventory.Clusters.SelectMany(c => c.Hosts).Any(h => h.Uri == server.Uri && h.Maintenance)
            ? HostConnectionState.Maintenance
            : HostConnectionState.Connected;
    }

    /// <summary>Marks a host as entering maintenance (nothing is placed on it) until the returned object is disposed.</summary>
    internal IDisposable EnterMaintenance(VIServer server)
    {
        lock (_gate)
        {
            if (!_enteringMaintenance.Add(server.Uri))
            {
                throw new VIToolkitException("HostBusy", ErrorKind.Busy, $"Host '{server.Name}' is already entering maintenance mode in this session.") { Target = server.Name };
            }
        }
        RaiseHostStateChanged(server, HostConnectionState.Connected, HostConnectionState.EnteringMaintenance, "entering maintenance mode");
        return new Release(() =>
        {
            lock (_gate)
            {
                _enteringMaintenance.Remove(server.Uri);
            }
        });
    }

    /// <summary>Stores a host's maintenance mark (once, in the inventory) and tells the subscribers.</summary>
    public void SetMaintenance(VIServer server, bool maintenance)
    {
        var before = StateOf(server);
        Clusters.SetMaintenance(server, maintenance);
        var after = server.IsConnected ? (maintenance ? HostConnectionState.Maintenance : HostConnectionState.Connected) : server.ConnectionState;
        if (before != after)
        {
            Events.Host(maintenance ? "EnteredMaintenanceModeEvent" : "ExitMaintenanceModeEvent", server,
                maintenance ? $"Host {server.Name} entered maintenance mode" : $"Host {server.Name} left maintenance mode");
            RaiseHostStateChanged(server, before, after, maintenance ? "entered maintenance mode" : "left maintenance mode");
        }
    }

    internal void RaiseHostStateChanged(VIServer server, HostConnectionState previous, HostConnectionState current, string? reason)
    {
        var handler = HostStateChanged;
        if (handler is null)
        {
            return;
        }
        try
        {
            handler(this, new HostStateChangedEventArgs(server, previous, current, reason));
        }
        catch (Exception)
        {
            // A subscriber's failure must not break the connection's callback thread.
        }
    }

    /// <summary>Closes every connection of the session.</summary>
    public void Dispose()
    {
        foreach (var server in Connections.Servers)
        {
            Connections.Disconnect(server);
        }
    }

    private sealed class Release : IDisposable
    {
        private Action? _action;

        internal Release(Action action) => _action = action;

        public void Dispose() => Interlocked.Exchange(ref _action, null)?.Invoke();
    }
}
