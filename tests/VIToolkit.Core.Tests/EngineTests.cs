using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using VIToolkit.Core.Clusters;
using VIToolkit.Core.Compatibility;
using VIToolkit.Core.Connections;
using VIToolkit.Core.Engine;
using VIToolkit.Core.Lab;
using VIToolkit.Core.Migration;
using VIToolkit.Core.Model;
using VIToolkit.Core.Services;
using VIToolkit.Core.Tasks;
using Xunit;

namespace VIToolkit.Core.Tests;

/// <summary>The engine on the real test driver: a session of its own, snapshots, host states and the plan runner.</summary>
public sealed class EngineTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "vitoolkit-engine-" + Guid.NewGuid().ToString("N"));
    private readonly VISession _session;
    private readonly IReadOnlyList<VIServer> _servers;

    public EngineTests()
    {
        Directory.CreateDirectory(_folder);
        string inventory = Path.Combine(_folder, "vitoolkit.db");
        _session = new VISession(() => inventory);
        var hosts = LabBuilder.Build(new LabSpec { Path = Path.Combine(_folder, "lab"), HostCount = 3, VMsPerHost = 6, PowerState = PowerState.PoweredOn });
        _servers = hosts.Select(h => _session.Connect(h.Uri, null, null, false, out _)).ToList();
        _session.Clusters.New("Prod", _servers.Select(HostService.GetVMHost).ToList(), new ClusterChange());
    }

    public void Dispose()
    {
        _session.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void A_snapshot_reads_every_host_once_with_the_same_figures_as_a_per_domain_read()
    {
        var snapshot = _session.Snapshot(_servers, CancellationToken.None);
        Assert.Equal(_servers, snapshot.Hosts.Select(h => h.Server));
        foreach (var host in snapshot.Hosts)
        {
            Assert.True(host.Readable);
            Assert.Equal(6, host.VMs.Count);
            foreach (var vm in host.VMs)
            {
                var fresh = VMService.Refresh(vm)!; // one lookup and virDomainGetInfo: the reference
                Assert.Equal((fresh.Name, fresh.PowerState, fresh.State, fresh.MemoryMB, fresh.MaxMemoryMB, fresh.NumCpu, fresh.Persistent),
                    (vm.Name, vm.PowerState, vm.State, vm.MemoryMB, vm.MaxMemoryMB, vm.NumCpu, vm.Persistent));
            }
            Assert.NotEmpty(host.Networks);
            Assert.NotEmpty(host.Datastores);
            Assert.Equal(6, host.VMHost.PoweredOnVMCount);
            Assert.True(host.VMHost.MemoryUsageEstimated, "the test driver cannot report free memory: the figure is an estimate and says so");
        }
    }

    [Fact]
    public void A_name_filter_reads_only_the_matching_domains()
    {
        var server = _servers[0];
        var all = server.Invoke(native => native.ListDomains(keep: null, withDescriptions: true));
        string first = all.OrderBy(d => d.Name, StringComparer.Ordinal).First().Name;
        var asked = new List<string>();
        var kept = server.Invoke(native => native.ListDomains(name => { asked.Add(name); return name == first; }, withDescriptions: true));
        Assert.Equal(all.Count, asked.Count); // every name is offered to the filter...
        Assert.Equal(new[] { first }, kept.Select(d => d.Name)); // ...and only the match is read
        Assert.Equal(all.Single(d => d.Name == first), kept[0]);
    }

    [Fact]
    public void Host_pair_facts_are_computed_once_per_pair_per_snapshot()
    {
        var snapshot = _session.Snapshot(_servers, CancellationToken.None);
        var vms = snapshot[_servers[0]]!.VMs;
        foreach (var vm in vms)
        {
            Assert.True(MigrationChecker.Test(vm, _servers[1], snapshot).Compatible);
        }
        Assert.Equal(1, snapshot.ComparedPairs);
        MigrationChecker.Test(vms[0], _servers[2], snapshot);
        Assert.Equal(2, snapshot.ComparedPairs);
    }

    [Fact]
    public void Maintenance_is_stored_once_and_shown_on_the_host_not_on_the_link()
    {
        var events = new List<HostStateChangedEventArgs>();
        _session.HostStateChanged += (_, e) => events.Add(e);
        var host = _servers[2];
        _session.SetMaintenance(host, true);
        Assert.Equal(HostConnectionState.Maintenance, _session.StateOf(host));
        Assert.Equal(HostConnectionState.Connected, host.ConnectionState);
        Assert.True(host.IsConnected);
        Assert.Equal(HostConnectionState.Maintenance, HostService.GetVMHost(host).ConnectionState);
        Assert.True(new VISession(() => _session.Inventory.Location).StateOf(host) == HostConnectionState.Maintenance, "another session sees the same mark");
        Assert.DoesNotContain(host, _session.Clusters.PlacementCandidates(_session.Clusters.Find("Prod")));
        _session.SetMaintenance(host, false);
        Assert.Equal(HostConnectionState.Connected, _session.StateOf(host));
        Assert.Equal(new[] { (HostConnectionState.Connected, HostConnectionState.Maintenance), (HostConnectionState.Maintenance, HostConnectionState.Connected) },
            events.Select(e => (e.Previous, e.Current)));
    }

    [Fact]
    public void A_host_entering_maintenance_takes_no_VMs_and_the_link_wins_over_the_inventory()
    {
        var host = _servers[1];
        using (_session.EnterMaintenance(host))
        {
            Assert.Equal(HostConnectionState.EnteringMaintenance, _session.StateOf(host));
            Assert.DoesNotContain(host, _session.Clusters.PlacementCandidates(_session.Clusters.Find("Prod")));
            var plan = _session.Maintenance.PlanEvacuation(_servers[0], CancellationToken.None);
            Assert.All(plan.Decisions, d => Assert.Same(_servers[2], d.Destination));
            Assert.Throws<VIToolkitException>(() => _session.EnterMaintenance(host));
        }
        Assert.Equal(HostConnectionState.Connected, _session.StateOf(host));

        _session.SetMaintenance(host, true);
        var events = new List<HostStateChangedEventArgs>();
        _session.HostStateChanged += (_, e) => events.Add(e);
        _session.Connections.Disconnect(host);
        Assert.Equal(HostConnectionState.Disconnected, _session.StateOf(host));
        Assert.Contains(events, e => e.Server == host && e.Current == HostConnectionState.Disconnected);
    }

    [Fact]
    public void Hosts_are_read_without_the_inventory_but_planning_needs_it()
    {
        _session.SetMaintenance(_servers[2], true);
        // The store's file is overwritten with something that is not a database (no connection may hold the old one,
        // and the event writer has nothing left to write).
        _session.Events.Flush();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_session.Inventory.Location + "-wal");
        File.Delete(_session.Inventory.Location + "-shm");
        File.WriteAllText(_session.Inventory.Location, "{ \"schemaVersion\": 1, \"clusters\": [");
        // Reading hosts: the link's state, no error.
        Assert.Equal(HostConnectionState.Connected, _session.StateOf(_servers[2]));
        Assert.Equal(6, HostService.GetVMHost(_servers[0]).VMCount);
        var snapshot = _session.Snapshot(_servers, CancellationToken.None);
        Assert.All(snapshot.Hosts, h => Assert.True(h.Readable));
        Assert.NotEmpty(CompatibilityChecker.Test(null, _servers, new HashSet<CompatibilityCategory> { CompatibilityCategory.Network }, CancellationToken.None));
        // Planning: the inventory's own error, not a guess.
        Assert.Equal("StoreCorrupt", Assert.ThrowsAny<VIToolkitException>(() => snapshot.Inventory).ErrorId);
        Assert.Equal("StoreCorrupt", Assert.ThrowsAny<VIToolkitException>(() => MigrationChecker.Test(snapshot[_servers[0]]!.VMs[0], _servers[1], snapshot)).ErrorId);
        Assert.Equal("StoreCorrupt", Assert.ThrowsAny<VIToolkitException>(() => _session.Maintenance.PlanEvacuation(_servers[0], CancellationToken.None)).ErrorId);
    }

    [Fact]
    public void An_evacuation_plan_is_refused_as_a_whole_before_anything_moves()
    {
        var plan = _session.Maintenance.PlanEvacuation(_servers[0], CancellationToken.None);
        Assert.Equal(6, plan.Decisions.Count);
        Assert.Equal(6, plan.Steps.Count);
        Assert.All(plan.Steps, s => Assert.Same(plan.Snapshot, s.Request.CheckedOn));
        var error = Assert.Throws<VIToolkitException>(() => plan.EnsureFeasible(evacuate: false));
        Assert.Equal("HostHasRunningVMs", error.ErrorId);
        // Auto never powers a VM off: simulated hosts cannot move live, so the plan is refused until Offline is asked for.
        var live = Assert.Throws<VIToolkitException>(() => plan.EnsureFeasible(evacuate: true));
        Assert.Equal("EvacuationNotPossible", live.ErrorId);
        Assert.Contains("-MigrationType Offline", live.Message, StringComparison.Ordinal);
        var offline = _session.Maintenance.PlanEvacuation(_servers[0], CancellationToken.None, MigrationType.Offline);
        offline.EnsureFeasible(evacuate: true);
        Assert.All(offline.Steps, s => Assert.Equal(MigrationType.Offline, s.Request.Type));
        Assert.Equal(6, _session.Snapshot(_servers, CancellationToken.None)[_servers[0]]!.VMs.Count); // planning moved nothing
    }

    [Fact]
    public void The_plan_runner_gives_one_outcome_per_step_in_step_order()
    {
        var snapshot = _session.Snapshot(_servers, CancellationToken.None);
        var vms = snapshot[_servers[0]]!.VMs.Take(3).ToList();
        var steps = vms.Select(vm => new PlanStep(vm, _servers[1], new MigrationRequest(MigrationType.Offline) { CheckedOn = snapshot })).ToList();
        var progress = new List<(int, int)>();
        var outcomes = _session.Plans.Run(steps, "Test", 2, new SyncProgress(progress), CancellationToken.None);
        Assert.Equal(vms.Select(v => v.Uuid), outcomes.Select(o => o.Step.VM.Uuid));
        Assert.All(outcomes, o => Assert.True(o.Succeeded, o.Error?.Message));
        Assert.All(outcomes, o => Assert.Equal(_servers[1].Name, o.Result!.VMHostName));
        Assert.Equal(new[] { (1, 3), (2, 3), (3, 3) }, progress);
        var after = _session.Snapshot(_servers, CancellationToken.None);
        Assert.All(vms, vm => Assert.Null(after[_servers[0]]!.FindDomain(vm.Uuid)));
        Assert.All(vms, vm => Assert.NotNull(after[_servers[1]]!.FindDomain(vm.Uuid)));
    }

    [Fact]
    public void A_cancelled_plan_moves_nothing_and_every_step_says_so()
    {
        var snapshot = _session.Snapshot(_servers, CancellationToken.None);
        var vms = snapshot[_servers[0]]!.VMs.Take(2).ToList();
        var steps = vms.Select(vm => new PlanStep(vm, _servers[2], new MigrationRequest(MigrationType.Offline))).ToList();
        using var cancelled = new CancellationTokenSource();
        var gate = _session.MigrationGates.Outbound(_servers[0].Uri);
        gate.Wait(0);
        gate.Wait(0); // both slots of the source are held: the steps queue
        try
        {
            var run = new Thread(() => { Thread.Sleep(200); cancelled.Cancel(); });
            run.Start();
            var outcomes = _session.Plans.Run(steps, "Test", 4, null, cancelled.Token);
            Assert.All(outcomes, o => Assert.Equal(VITaskState.Cancelled, o.Task.State));
        }
        finally
        {
            gate.Release(2);
        }
        var after = _session.Snapshot(_servers, CancellationToken.None);
        Assert.All(vms, vm => Assert.Equal(PowerState.PoweredOn, after[_servers[0]]!.VMs.Single(v => v.Uuid == vm.Uuid).PowerState));
        Assert.All(vms, vm => Assert.Null(after[_servers[2]]!.FindDomain(vm.Uuid)));
    }

    private sealed class SyncProgress : IProgress<(int Completed, int Total)>
    {
        private readonly List<(int, int)> _seen;

        internal SyncProgress(List<(int, int)> seen) => _seen = seen;

        public void Report((int Completed, int Total) value)
        {
            lock (_seen)
            {
                _seen.Add(value);
            }
        }
    }
}

/// <summary>The host workers: blocking work runs side by side whatever the thread pool has, and failures come back.</summary>
public sealed class ParallelHostsTests
{
    [Fact]
    public void Eight_blocking_items_run_at_the_same_time()
    {
        // Every item waits for all the others: this passes only when the eight run at once. On the thread pool of a
        // 2-core machine (two threads, then about one more every half second) it cannot within the second allowed.
        using var all = new Barrier(8);
        var met = new bool[8];
        Services.ParallelHosts.Run(8, 8, i => met[i] = all.SignalAndWait(TimeSpan.FromSeconds(1)), CancellationToken.None);
        Assert.All(met, Assert.True);
    }

    [Fact]
    public void A_failure_of_one_item_is_thrown_to_the_caller()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            Services.ParallelHosts.Run(4, 4, i => { if (i == 2) { throw new InvalidOperationException("item 2"); } }, CancellationToken.None));
        Assert.Equal("item 2", error.Message);
    }
}
