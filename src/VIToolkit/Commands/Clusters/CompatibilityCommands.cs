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
using VIToolkit.Core.Inventory;
using VIToolkit.Core.Model;
using VIToolkit.Core.Services;

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
    [ValidateNotNullOrEmpty]
    public ClusterArgument[] Cluster { get; set; } = null!;

    /// <summary>Hosts to check against each other, whether or not they are in a cluster.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ByHost)]
    [VMHostTransformation]
    [ArgumentCompleter(typeof(VMHostNameCompleter))]
    [ValidateNotNullOrEmpty]
    public VMHostArgument[] VMHost { get; set; } = null!;

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
    // What was checked, for the report's title: the clusters, or (with -VMHost) the hosts.
    private readonly List<string> _clusters = new();
    private readonly List<string> _hosts = new();

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
            var hosts = Found(HostResolver.Resolve(VMHost, containers: false, Session));
            _hosts.AddRange(hosts.Select(h => h.Name).Where(n => !_hosts.Contains(n)));
            Run(null, hosts, categories);
            return;
        }
        var service = Session.Clusters;
        foreach (var cluster in Found(ClusterResolver.Resolve(Cluster, Session)))
        {
            if (!_clusters.Contains(cluster.Name))
            {
                _clusters.Add(cluster.Name);
            }
            foreach (var host in cluster.Hosts.Where(h => categories.Count > 0 && !Session.Connections.Servers.Any(s => s.Uri == h.Uri && s.IsConnected)))
            {
                // Reported under Hypervisor when that category is asked for, else under the first one that is.
                var category = categories.Contains(CompatibilityCategory.Hypervisor) ? CompatibilityCategory.Hypervisor : categories.Min();
                var result = new CompatibilityResult(cluster.Name, host.Name, category, "Connectivity", CheckResult.Failed, "HostUnreachable",
                    $"Member host '{host.Name}' is not connected. Connect it with Connect-VIServer -Cluster '{cluster.Name}'.", host.Uri);
                _all.Add(result);
                WriteObject(result);
            }
            Run(cluster.Name, service.MemberServers(cluster).OfType<VIServer>().ToList(), categories);
        }
    }

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
        // The results are already written: a report that cannot be written is one non-terminating error.
        string path;
        try
        {
            path = FileSystemPath(ReportPath, "ReportNotWritten", "the report's file");
        }
        catch (InvalidInputException e)
        {
            WriteVIError(e);
            return;
        }
        try
        {
            HtmlReport.Write(path, HtmlReport.Subject(_clusters, _hosts), _all);
            WriteVerbose($"Report written to {path}");
        }
        catch (Exception e) when (e is System.IO.IOException or UnauthorizedAccessException)
        {
            // .NET names the whole path in its message; the message shows it as it shows every input.
            string shown = MessageText.Input(path);
            var error = new System.IO.IOException($"The report could not be written to '{shown}': {e.Message.Replace(path, shown, StringComparison.Ordinal)}", e);
            WriteError(new ErrorRecord(error, "ReportNotWritten", ErrorCategory.WriteError, path));
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
    [DestinationTransformation]
    [ValidateNotNull]
    [ArgumentCompleter(typeof(DestinationNameCompleter))]
    public DestinationArgument Destination { get; set; } = null!;

    protected override string ActionName => "Test migration";

    protected override bool Confirm(VirtualMachine vm) => true;

    protected override void End()
    {
        var destinations = DestinationResolver.Resolve(Destination, Session).Servers;
        // One snapshot for every VM and destination of the command: each host is read once, each host pair compared once.
        var snapshot = Session.Snapshot(Queued.Select(vm => vm.Server).Concat(destinations), CancellationToken);
        RunQueued(vm => destinations.Where(d => destinations.Count == 1 || d.Uri != vm.Server.Uri)
                .Select(d => MigrationChecker.Test(vm, d, snapshot)).ToList(),
            (_, reports) => WriteObject(reports, enumerateCollection: true));
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
    public VMHostArgument[] VMHost { get; set; } = null!;

    [Parameter(Mandatory = true, Position = 1, ParameterSetName = IntoCluster)]
    [ClusterTransformation]
    [ArgumentCompleter(typeof(ClusterNameCompleter))]
    [ValidateCount(1, 1)]
    public ClusterArgument[] Destination { get; set; } = null!;

    private ClusterRecord? _destination;

    /// <summary>Take the hosts out of their cluster (they stay connected; their VMs are untouched).</summary>
    [Parameter(Mandatory = true, ParameterSetName = OutOfCluster)]
    public SwitchParameter NoCluster { get; set; }

    /// <summary>Add the host even when compatibility checks fail.</summary>
    [Parameter(ParameterSetName = IntoCluster)]
    public SwitchParameter Force { get; set; }

    protected override void Process()
    {
        var service = Session.Clusters;
        var destination = ParameterSetName == IntoCluster ? DestinationCluster() : null;
        foreach (var host in Found(HostResolver.Resolve(VMHost, containers: false, Session)).Select(HostService.Identify))
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
                string clusterName = destination!.Name;
                if (!ShouldProcess($"Host '{host.Name}'", $"Move into cluster '{clusterName}'"))
                {
                    continue;
                }
                var record = service.Find(clusterName);
                if (record.Hosts.Any(h => h.Uri == host.Uri))
                {
                    WriteWarning($"Host '{host.Name}' already is in cluster '{clusterName}'.");
                    WriteObject(service.AddHost(clusterName, host));
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
                    WriteWarning($"No other member of cluster '{clusterName}' is connected: '{host.Name}' was added without compatibility checks. Run Test-ClusterCompatibility -Cluster '{clusterName}' once they are connected.");
                }
                if (members.Count > 0)
                {
                    var results = CompatibilityChecker.Test(clusterName, members.Append(host.Server).ToList(),
                        Enum.GetValues<CompatibilityCategory>().ToHashSet(), CancellationToken);
                    var failures = results.Where(r => r.Result == CheckResult.Failed && r.VMHost == host.Name).ToList();
                    if (failures.Count > 0 && !Force)
                    {
                        WriteObject(failures, enumerateCollection: true);
                        WriteVIError(new VIToolkitException("HostIncompatible", ErrorKind.Incompatible,
                            $"Host '{host.Name}' is not compatible with cluster '{clusterName}' ({failures.Count} failed check(s): {string.Join("; ", failures.Select(f => f.Code).Distinct())}). The failing checks are in the output; fix them, or use -Force.")
                        { Target = host });
                        continue;
                    }
                    foreach (var failure in failures)
                    {
                        WriteWarning($"Added despite: {failure.Code}: {failure.Message}");
                    }
                }
                WriteObject(service.AddHost(clusterName, host));
            }
            catch (VIToolkitException e)
            {
                WriteVIError(e, target: host);
            }
        }
    }

    /// <summary>The one cluster of -Destination, resolved once: terminating when it names none or several.</summary>
    private ClusterRecord DestinationCluster()
    {
        if (_destination is null)
        {
            var found = ClusterResolver.Resolve(Destination, Session);
            if (found.Errors.Count > 0)
            {
                ThrowVIError(found.Errors[0]);
            }
            if (found.Items.Count != 1)
            {
                ThrowVIError(found.Items.Count == 0
                    ? ClusterResolver.NotFound(Destination[0].Name!)
                    : new InvalidInputException("AmbiguousCluster",
                        $"Give exactly one cluster; '{MessageText.Input(Destination[0].ToString())}' matches {found.Items.Count}: {string.Join(", ", found.Items.Select(c => c.Name))}.", Destination[0].ToString()));
            }
            _destination = found.Items[0];
        }
        return _destination;
    }
}
