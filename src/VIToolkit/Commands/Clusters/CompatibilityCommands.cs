using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using VIToolkit.Core.Engine;
using VIToolkit.Base;
using VIToolkit.Completers;
using VIToolkit.Core;
using VIToolkit.Core.Clusters;
using VIToolkit.Core.Compatibility;
using VIToolkit.Core.Connections;
using VIToolkit.Core.Model;

namespace VIToolkit.Commands.Clusters;

/// <summary>Proves that hosts are set up identically: storage, networks, CPU, hypervisor.</summary>
[Cmdlet(VerbsDiagnostic.Test, "ClusterCompatibility", DefaultParameterSetName = ByCluster)]
[OutputType(typeof(CompatibilityResult), typeof(CompatibilityCheck))]
public sealed class TestClusterCompatibilityCommand : VIToolkitCmdlet
{
    private const string ByCluster = "ByCluster";
    private const string ByHost = "ByHost";
    private const string ListOnly = "List";

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = ByCluster)]
    [ClusterTransformation]
    [ArgumentCompleter(typeof(ClusterNameCompleter))]
    public Cluster[] Cluster { get; set; } = null!;

    /// <summary>Hosts to check against each other, whether or not they are in a cluster.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ByHost)]
    [VMHostTransformation]
    [ArgumentCompleter(typeof(VMHostNameCompleter))]
    public VMHost[] VMHost { get; set; } = null!;

    [Parameter(ParameterSetName = ByCluster)]
    [Parameter(ParameterSetName = ByHost)]
    [Parameter(ParameterSetName = ListOnly)]
    public CompatibilityCategory[]? Include { get; set; }

    [Parameter(ParameterSetName = ByCluster)]
    [Parameter(ParameterSetName = ByHost)]
    [Parameter(ParameterSetName = ListOnly)]
    public CompatibilityCategory[]? Exclude { get; set; }

    /// <summary>List the checks instead of running them.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ListOnly)]
    public SwitchParameter List { get; set; }

    /// <summary>At most this many hosts are surveyed at once (1 surveys them one after the other).</summary>
    [Parameter(ParameterSetName = ByCluster)]
    [Parameter(ParameterSetName = ByHost)]
    [ValidateRange(1, 256)]
    public int ThrottleLimit { get; set; } = Core.Services.ParallelHosts.DefaultMaxParallel;

    /// <summary>Also write a human-readable HTML report to this file.</summary>
    [Parameter(ParameterSetName = ByCluster)]
    [Parameter(ParameterSetName = ByHost)]
    [ValidateNotNullOrEmpty]
    public string? ReportPath { get; set; }

    private readonly List<CompatibilityResult> _all = new();

    private HashSet<CompatibilityCategory> Categories()
    {
        var set = (Include is { Length: > 0 } ? Include : Enum.GetValues<CompatibilityCategory>()).ToHashSet();
        set.ExceptWith(Exclude ?? Array.Empty<CompatibilityCategory>());
        return set;
    }

    protected override void Process()
    {
        var categories = Categories();
        if (ParameterSetName == ListOnly)
        {
            WriteObject(CompatibilityChecker.Checks.Where(c => categories.Contains(c.Category)), enumerateCollection: true);
            return;
        }
        if (ParameterSetName == ByHost)
        {
            Run(null, VMHost.Select(h => h.Server).Distinct().ToList(), categories);
            return;
        }
        var service = Session.Clusters;
        foreach (var cluster in Cluster)
        {
            var record = service.Find(cluster.Name);
            // Members that are not connected are checked too: they fail with HostUnreachable.
            var servers = record.Hosts.Select((h, i) => service.MemberServers(record)[i] ?? Disconnected(h.Uri)).Where(s => s is not null).Select(s => s!).ToList();
            foreach (var host in record.Hosts.Where(h => categories.Count > 0 && !Session.Connections.Servers.Any(s => s.Uri == h.Uri && s.IsConnected)))
            {
                // Reported under Hypervisor when that category is asked for, else under the first one that is.
                var category = categories.Contains(CompatibilityCategory.Hypervisor) ? CompatibilityCategory.Hypervisor : categories.Min();
                var result = new CompatibilityResult(cluster.Name, host.Name, category, "Connectivity", CheckResult.Failed, "HostUnreachable",
                    $"Member host '{host.Name}' is not connected. Connect it with Connect-VIServer -Cluster '{cluster.Name}'.", host.Uri);
                _all.Add(result);
                WriteObject(result);
            }
            Run(cluster.Name, servers.Where(s => s.IsConnected).ToList(), categories);
        }
    }

    private static VIServer? Disconnected(string uri) => Session.Connections.Servers.FirstOrDefault(s => s.Uri == uri);

    private void Run(string? cluster, IReadOnlyList<VIServer> servers, IReadOnlySet<CompatibilityCategory> categories)
    {
        WriteVerbose($"Checking {servers.Count} host(s) for {string.Join(", ", categories.OrderBy(c => c))}");
        var results = CompatibilityChecker.Test(cluster, servers, categories, CancellationToken, ThrottleLimit);
        _all.AddRange(results);
        WriteObject(results, enumerateCollection: true);
    }

    protected override void End()
    {
        if (ReportPath is null || ParameterSetName == ListOnly)
        {
            return;
        }
        string path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(ReportPath);
        try
        {
            HtmlReport.Write(path, "VIToolkit cluster compatibility", _all);
            WriteVerbose($"Report written to {path}");
        }
        catch (Exception e) when (e is System.IO.IOException or UnauthorizedAccessException)
        {
            WriteError(new ErrorRecord(e, "ReportNotWritten", ErrorCategory.WriteError, path));
        }
    }
}

/// <summary>Can these VMs move to that host (or to some host of that cluster)? Why not?</summary>
[Cmdlet(VerbsDiagnostic.Test, "VMMigration")]
[OutputType(typeof(VMMigrationReport))]
public sealed class TestVMMigrationCommand : VMTargetCommand
{
    /// <summary>A host (object or name) or a cluster (object or name): with a cluster, every other member is tested.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [ValidateNotNull]
    [ArgumentCompleter(typeof(DestinationNameCompleter))]
    public object Destination { get; set; } = null!;

    protected override string ActionName => "Test migration";

    protected override bool Confirm(VirtualMachine vm) => true;

    protected override void End()
    {
        var destinations = DestinationResolver.Resolve(Destination, SessionState);
        if (destinations.Count == 0)
        {
            ThrowVIError(new ObjectNotFoundException("DestinationNotFound", $"'{Destination}' is neither a connected host nor a cluster with connected members.", Destination));
        }
        // One snapshot for every VM and destination of the command: each host is read once, each host pair compared once.
        var snapshot = Session.Snapshot(Queued.Select(vm => vm.Server).Concat(destinations), CancellationToken);
        RunQueued(vm => destinations.Where(d => destinations.Count == 1 || d.Uri != vm.Server.Uri)
                .Select(d => MigrationChecker.Test(vm, d, snapshot)).ToList(),
            (_, reports) => WriteObject(reports, enumerateCollection: true));
    }
}

/// <summary>Turns a -Destination value (host, cluster, or a name of either) into servers.</summary>
internal static class DestinationResolver
{
    internal static IReadOnlyList<VIServer> Resolve(object destination, SessionState state) => Resolve(destination, state, out _);

    /// <param name="isCluster">True when the destination is a cluster (placement then chooses among its members).</param>
    internal static IReadOnlyList<VIServer> Resolve(object destination, SessionState state, out bool isCluster)
    {
        isCluster = false;
        object value = destination is PSObject p && p.BaseObject is not PSCustomObject ? p.BaseObject : destination;
        if (value is object[] { Length: 1 } single)
        {
            value = single[0] is PSObject inner ? inner.BaseObject : single[0];
        }
        switch (value)
        {
            case VMHost host:
                return new[] { host.Server };
            case VIServer server:
                return new[] { server };
            case Cluster cluster:
                isCluster = true;
                return Members(cluster.Name);
        }
        string name = value is string s ? s : Arguments.PropertyText(value, "Name") ?? value.ToString()!;
        var byHost = VISession.Default.Connections.Servers.Where(s => s.IsConnected && string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase)).ToList();
        if (byHost.Count > 0)
        {
            return byHost;
        }
        isCluster = true;
        return Members(name);
    }

    private static IReadOnlyList<VIServer> Members(string clusterName)
    {
        var service = VISession.Default.Clusters;
        var record = service.Store.Read().Clusters.FirstOrDefault(c => string.Equals(c.Name, clusterName, StringComparison.OrdinalIgnoreCase));
        if (record is null)
        {
            return Array.Empty<VIServer>();
        }
        return service.PlacementCandidates(record);
    }
}

/// <summary>Moves hosts into a cluster (after checking they are compatible with its members) or out of any cluster.</summary>
[Cmdlet(VerbsCommon.Move, "VMHost", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = IntoCluster)]
[OutputType(typeof(Cluster), typeof(CompatibilityResult))]
public sealed class MoveVMHostCommand : VIToolkitCmdlet
{
    private const string IntoCluster = "IntoCluster";
    private const string OutOfCluster = "OutOfCluster";

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [VMHostTransformation]
    [ArgumentCompleter(typeof(VMHostNameCompleter))]
    [ValidateNotNullOrEmpty]
    public VMHost[] VMHost { get; set; } = null!;

    [Parameter(Mandatory = true, Position = 1, ParameterSetName = IntoCluster)]
    [ClusterTransformation]
    [ArgumentCompleter(typeof(ClusterNameCompleter))]
    [ValidateCount(1, 1)]
    public Cluster[] Destination { get; set; } = null!;

    /// <summary>Take the hosts out of their cluster (they stay connected; their VMs are untouched).</summary>
    [Parameter(Mandatory = true, ParameterSetName = OutOfCluster)]
    public SwitchParameter NoCluster { get; set; }

    /// <summary>Add the host even when compatibility checks fail.</summary>
    [Parameter(ParameterSetName = IntoCluster)]
    public SwitchParameter Force { get; set; }

    protected override void Process()
    {
        var service = VISession.Default.Clusters;
        foreach (var host in VMHost)
        {
            try
            {
                if (ParameterSetName == OutOfCluster)
                {
                    if (ShouldProcess($"Host '{host.Name}'", "Remove from its cluster") && !service.RemoveHost(host))
                    {
                        WriteWarning($"Host '{host.Name}' is in no cluster.");
                    }
                    continue;
                }
                var cluster = Destination[0];
                if (!ShouldProcess($"Host '{host.Name}'", $"Move into cluster '{cluster.Name}'"))
                {
                    continue;
                }
                var record = service.Find(cluster.Name);
                if (record.Hosts.Any(h => h.Uri == host.Uri))
                {
                    WriteWarning($"Host '{host.Name}' already is in cluster '{cluster.Name}'.");
                    WriteObject(service.AddHost(cluster.Name, host));
                    continue;
                }
                if (service.ClusterOf(host) is { } other)
                {
                    throw new VIToolkitException("HostInAnotherCluster", ErrorKind.InvalidState,
                        $"Host '{host.Name}' already belongs to cluster '{other.Name}'; a host is in one cluster at most. Take it out first: Move-VMHost '{host.Name}' -NoCluster.") { Target = host };
                }
                var members = service.MemberServers(record).Where(s => s is not null && s.Uri != host.Uri).Select(s => s!).ToList();
                if (members.Count == 0 && record.Hosts.Count > 0)
                {
                    WriteWarning($"No other member of cluster '{cluster.Name}' is connected: '{host.Name}' was added without compatibility checks. Run Test-ClusterCompatibility -Cluster '{cluster.Name}' once they are connected.");
                }
                if (members.Count > 0)
                {
                    var results = CompatibilityChecker.Test(cluster.Name, members.Append(host.Server).ToList(),
                        Enum.GetValues<CompatibilityCategory>().ToHashSet(), CancellationToken);
                    var failures = results.Where(r => r.Result == CheckResult.Failed && r.VMHost == host.Name).ToList();
                    if (failures.Count > 0 && !Force)
                    {
                        WriteObject(failures, enumerateCollection: true);
                        WriteVIError(new VIToolkitException("HostIncompatible", ErrorKind.Incompatible,
                            $"Host '{host.Name}' is not compatible with cluster '{cluster.Name}' ({failures.Count} failed check(s): {string.Join("; ", failures.Select(f => f.Code).Distinct())}). The failing checks are in the output; fix them, or use -Force.")
                        { Target = host });
                        continue;
                    }
                    foreach (var failure in failures)
                    {
                        WriteWarning($"Added despite: {failure.Code}: {failure.Message}");
                    }
                }
                WriteObject(service.AddHost(cluster.Name, host));
            }
            catch (VIToolkitException e)
            {
                WriteVIError(e, target: host);
            }
        }
    }
}
