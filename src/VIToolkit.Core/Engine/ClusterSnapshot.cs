using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using VIToolkit.Core.Compatibility;
using VIToolkit.Core.Connections;
using VIToolkit.Core.Interop;
using VIToolkit.Core.Inventory;
using VIToolkit.Core.Model;
using VIToolkit.Core.Services;

namespace VIToolkit.Core.Engine;

/// <summary>
/// One host as read for a snapshot, in one pass: its state, its domains (state, memory, vCPUs — no per-domain round
/// trip), networks, storage pools and free memory. The host-model CPU is read on first need, once.
/// </summary>
public sealed class HostSnapshot
{
    private readonly Dictionary<Guid, DomainRecord> _byUuid;
    private readonly Dictionary<string, DomainRecord> _byName;
    private readonly Lazy<string?> _hostModelCpu;
    private readonly Lazy<IReadOnlyList<VirtualMachine>> _vms;

    internal HostSnapshot(VIServer server, HostConnectionState state, VMHost host, IReadOnlyList<DomainRecord> domains,
        IReadOnlyList<VirtualNetwork> networks, IReadOnlyList<Datastore> datastores, VIToolkitException? error)
    {
        Server = server;
        State = state;
        VMHost = host;
        Domains = domains;
        Networks = networks;
        Datastores = datastores;
        Error = error;
        _byUuid = new Dictionary<Guid, DomainRecord>(domains.Count);
        _byName = new Dictionary<string, DomainRecord>(domains.Count, StringComparer.Ordinal);
        foreach (var d in domains)
        {
            _byUuid[d.Uuid] = d;
            _byName[d.Name] = d;
        }
        _hostModelCpu = new Lazy<string?>(ReadHostModelCpu, LazyThreadSafetyMode.ExecutionAndPublication);
        var lazyHost = new Lazy<VMHost>(host);
        _vms = new Lazy<IReadOnlyList<VirtualMachine>>(() => Domains.Select(d => new VirtualMachine(d, server, lazyHost)).ToList());
    }

    public VIServer Server { get; }

    public string Name => Server.Name;

    /// <summary>The host's state when read (link, entering maintenance, maintenance).</summary>
    public HostConnectionState State { get; }

    /// <summary>The host as Get-VMHost would show it, from the same read.</summary>
    public VMHost VMHost { get; }

    internal IReadOnlyList<DomainRecord> Domains { get; }

    /// <summary>The host's VMs as read (without notes: a snapshot does not read descriptions).</summary>
    public IReadOnlyList<VirtualMachine> VMs => _vms.Value;

    public IReadOnlyList<VirtualNetwork> Networks { get; }

    public IReadOnlyList<Datastore> Datastores { get; }

    /// <summary>Why the host could not be read; null when it was.</summary>
    public VIToolkitException? Error { get; }

    public bool Readable => Error is null;

    /// <summary>Memory the host has free for more VMs (total minus used; used is an estimate where <see cref="VMHost.MemoryUsageEstimated"/>).</summary>
    public double FreeMemoryGB => VMHost.MemoryTotalGB - (VMHost.MemoryUsageGB ?? VMHost.MemoryTotalGB);

    internal DomainRecord? FindDomain(Guid uuid) => _byUuid.TryGetValue(uuid, out var d) ? d : null;

    internal DomainRecord? FindDomain(string name) => _byName.TryGetValue(name, out var d) ? d : null;

    /// <summary>The host's host-model CPU as a guest CPU definition; null where the driver cannot tell (the test driver).</summary>
    internal string? HostModelCpu => _hostModelCpu.Value;

    private string? ReadHostModelCpu()
    {
        if (!Readable)
        {
            return null;
        }
        try
        {
            return Server.Invoke(native => native.TryGetHostModelCpu(Server.Facts.GuestArchitecture, Server.Facts.GuestDomainType));
        }
        catch (VIToolkitException e) when (e is not HostUnreachableException)
        {
            return null;
        }
    }

    public override string ToString() => Name;
}

/// <summary>What holds between two hosts whatever VM moves: computed once per pair per snapshot.</summary>
/// <param name="CpuProblem">Why the destination cannot run the source's CPU; null when it can (or was not compared).</param>
/// <param name="CpuMethod">How CPUs were compared: HypervisorCompare, or the declared model-name fallback.</param>
internal sealed record HostPairFacts(string? CpuProblem, string CpuMethod, bool CpuCompared);

/// <summary>
/// A consistent read of a set of hosts and of the inventory, taken once per command and shared by every question the
/// command asks (Get-Cluster, Test-ClusterCompatibility, Test-VMMigration, placement, evacuation; HA and DRS next).
/// Host-pair facts are computed once per pair; per-VM facts (its XML: NICs, disks) stay per VM.
/// </summary>
public sealed class ClusterSnapshot
{
    private readonly Dictionary<VIServer, HostSnapshot> _byServer;
    private readonly ConcurrentDictionary<(VIServer, VIServer), Lazy<HostPairFacts>> _pairs = new();
    private readonly ConcurrentDictionary<(VIServer, Guid), Lazy<string>> _xml = new();

    private readonly InventoryDocument? _inventory;
    private readonly VIToolkitException? _inventoryError;

    private ClusterSnapshot(VISession session, IReadOnlyList<HostSnapshot> hosts, InventoryDocument? inventory, VIToolkitException? inventoryError)
    {
        Session = session;
        Hosts = hosts;
        _inventory = inventory;
        _inventoryError = inventoryError;
        ReadAt = DateTime.UtcNow;
        _byServer = hosts.ToDictionary(h => h.Server);
    }

    /// <summary>How long a snapshot is trusted for a check that was made on it (a plan run later re-checks).</summary>
    public static readonly TimeSpan FreshFor = TimeSpan.FromSeconds(30);

    internal VISession Session { get; }

    public IReadOnlyList<HostSnapshot> Hosts { get; }

    /// <summary>The inventory as read with the hosts; asking for it when it could not be read throws that error (InventoryCorrupt…).</summary>
    public InventoryDocument Inventory => _inventory ?? throw _inventoryError!;

    public DateTime ReadAt { get; }

    public bool IsStale => DateTime.UtcNow - ReadAt > FreshFor;

    /// <summary>The host's part of the snapshot; null when it was not read.</summary>
    public HostSnapshot? this[VIServer server] => _byServer.TryGetValue(server, out var h) ? h : null;

    /// <summary>The snapshot of <paramref name="server"/>, read now and added when it is not in this one.</summary>
    internal HostSnapshot Require(VIServer server)
    {
        lock (_byServer)
        {
            if (_byServer.TryGetValue(server, out var host))
            {
                return host;
            }
            host = ReadHost(Session, server, _inventory);
            _byServer[server] = host;
            return host;
        }
    }

    /// <summary>A VM's live definition, read once per snapshot however many destinations it is checked against.</summary>
    internal string DomainXml(VIServer server, Guid uuid) =>
        _xml.GetOrAdd((server, uuid), key => new Lazy<string>(() => key.Item1.Invoke(native => native.GetDomainXml(key.Item2, inactive: false)))).Value;

    /// <summary>How many host pairs were compared so far (each once).</summary>
    internal int ComparedPairs => _pairs.Count;

    internal HostPairFacts Pair(HostSnapshot source, HostSnapshot destination) =>
        _pairs.GetOrAdd((source.Server, destination.Server), _ => new Lazy<HostPairFacts>(() => ComparePair(source, destination))).Value;

    private static HostPairFacts ComparePair(HostSnapshot source, HostSnapshot destination)
    {
        string? sourceCpu = source.HostModelCpu;
        string? destinationCpu = sourceCpu is null ? null : destination.HostModelCpu;
        if (sourceCpu is not null && destinationCpu is not null)
        {
            var d = destination.Server;
            string? problem = d.Invoke(native => native.CompareCpu(d.Facts.GuestArchitecture, d.Facts.GuestDomainType, sourceCpu));
            return new HostPairFacts(problem, "HypervisorCompare", true);
        }
        var sf = source.Server.Facts;
        var df = destination.Server.Facts;
        string method = $"ModelName (declared fallback: {source.Server.HypervisorType} cannot compare CPUs)";
        string? mismatch = sf.ProcessorType != df.ProcessorType || sf.Architecture != df.Architecture
            ? $"CPU {df.ProcessorType} of '{destination.Name}' differs from {sf.ProcessorType} of '{source.Name}' (method: {method})."
            : null;
        return new HostPairFacts(mismatch, method, false);
    }

    /// <summary>Reads every host in parallel (one pass each) and the inventory once.</summary>
    internal static ClusterSnapshot Read(VISession session, IEnumerable<VIServer> servers, CancellationToken cancellationToken, int maxParallel)
    {
        // Hosts can be read without the inventory (Test-ClusterCompatibility of named hosts); what needs it fails when it asks.
        InventoryDocument? inventory = null;
        VIToolkitException? inventoryError = null;
        try
        {
            inventory = session.Inventory.Read();
        }
        catch (VIToolkitException e)
        {
            inventoryError = e;
        }
        var list = servers.Distinct().ToList();
        var results = ParallelHosts.Run(list, server => ReadHost(session, server, inventory), cancellationToken, maxParallel);
        return new ClusterSnapshot(session, results.Select(r => r.Value ?? Unreadable(session, r.Server, inventory, r.Error)).ToList(), inventory, inventoryError);
    }

    private static HostSnapshot ReadHost(VISession session, VIServer server, InventoryDocument? inventory)
    {
        inventory ??= new InventoryDocument(); // unreadable: the link's state is shown (see VISession.StateOf)
        var state = session.StateOf(server, inventory);
        if (!server.IsConnected)
        {
            return Unreadable(session, server, inventory, new HostUnreachableException($"Host '{server.Name}' is {server.ConnectionState}.", server.Name));
        }
        try
        {
            return server.Invoke(native =>
            {
                var domains = native.ListDomains(keep: null, withDescriptions: false);
                var host = HostService.Describe(server, state, domains, native.TryGetFreeMemory());
                var lazyHost = new Lazy<VMHost>(host);
                return new HostSnapshot(server, state, host, domains,
                    NetworkService.Read(native, server, lazyHost), DatastoreService.Read(native, server, lazyHost), null);
            });
        }
        catch (VIToolkitException e)
        {
            return Unreadable(session, server, inventory, e);
        }
    }

    private static HostSnapshot Unreadable(VISession session, VIServer server, InventoryDocument? inventory, VIToolkitException? error) =>
        new(server, session.StateOf(server, inventory ?? new InventoryDocument()), new VMHost(server, server.ConnectionState, null, null, null),
            Array.Empty<DomainRecord>(), Array.Empty<VirtualNetwork>(), Array.Empty<Datastore>(),
            error ?? new HostUnreachableException($"Host '{server.Name}' could not be read.", server.Name));
}
