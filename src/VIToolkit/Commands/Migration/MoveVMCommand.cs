using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using VIToolkit.Core.Engine;
using VIToolkit.Base;
using VIToolkit.Commands.Clusters;
using VIToolkit.Completers;
using VIToolkit.Core;
using VIToolkit.Core.Connections;
using VIToolkit.Core.Migration;
using VIToolkit.Core.Model;
using VIToolkit.Core.Tasks;

namespace VIToolkit.Commands.Migration;

/// <summary>Moves VMs to another host (live where it can), or to the best host of a cluster.</summary>
[Cmdlet(VerbsCommon.Move, "VM", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(VirtualMachine), typeof(VITask))]
public sealed class MoveVMCommand : VMTargetCommand
{
    private ResolvedDestination? _destination;

    /// <summary>A host (object or name) or a cluster (object or name): with a cluster, placement chooses the host.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [DestinationTransformation]
    [ValidateNotNull]
    [ArgumentCompleter(typeof(DestinationNameCompleter))]
    public DestinationArgument Destination { get; set; } = null!;

    /// <summary>Auto (live when the VM runs and both hosts can), Live, or Offline.</summary>
    [Parameter]
    public MigrationType MigrationType { get; set; } = MigrationType.Auto;

    /// <summary>Move even when Test-VMMigration finds problems.</summary>
    [Parameter]
    public SwitchParameter SkipCompatibilityCheck { get; set; }

    /// <summary>Return task objects at once; the moves go on in the background (Get-Task, Wait-Task, Stop-Task).</summary>
    [Parameter]
    public SwitchParameter RunAsync { get; set; }

    protected override string ActionName => "Move";

    protected override bool Confirm(VirtualMachine vm) => ShouldProcess(Describe(vm), $"Move ({MigrationType}) to {Target()}");

    /// <summary>The destination, resolved once (terminating when there is none: no VM could move).</summary>
    private ResolvedDestination Target() => _destination ??= DestinationResolver.Resolve(Destination, Session);

    protected override void End()
    {
        if (Queued.Count == 0)
        {
            return;
        }
        var target = Target();
        var destinations = target.Servers;
        // Placement on a cluster reads one snapshot of the sources and members for the whole command, and checks every
        // pair on it; a move to a named host is checked when its step starts (on a snapshot of its own two hosts).
        var snapshot = target.IsCluster ? Session.Snapshot(Queued.Select(vm => vm.Server).Concat(destinations), CancellationToken) : null;
        IReadOnlyList<PlacementDecision> plan = snapshot is not null
            ? Placement.Plan(Queued, destinations, snapshot, checkCompatibility: !SkipCompatibilityCheck)
            : Queued.Select(vm => new PlacementDecision(vm, destinations[0], null)).ToList();
        var inventory = snapshot?.Inventory ?? Session.Inventory.Read();

        var steps = new List<PlanStep>();
        foreach (var decision in plan)
        {
            var vm = decision.VM;
            if (decision.Destination is not { } destination)
            {
                WriteVIError(new VIToolkitException("NoPlacement", ErrorKind.Incompatible,
                    $"No host of cluster '{target.ClusterName}' can take VM '{vm.Name}': {MessageText.Clause(decision.Reason)}.") { Target = vm });
                continue;
            }
            var request = MigrationService.RequestFor(inventory, destination, MigrationType, SkipCompatibilityCheck);
            steps.Add(new PlanStep(vm, destination, snapshot is not null ? request with { CheckedOn = snapshot } : request));
        }
        var tasks = Session.Plans.Start(steps, "Move-VM", ThrottleLimit);
        if (RunAsync)
        {
            WriteObject(tasks, enumerateCollection: true);
            return;
        }
        new TaskWaiter(this, "Move VMs").WaitAllOrCancel(tasks, CancellationToken, WriteOutcome);
    }

    private void WriteOutcome(VITask task)
    {
        if (task.State == VITaskState.Success && task.Result is VirtualMachine moved)
        {
            // A VM is powered off for a move only when -MigrationType Offline asked for it: no warning, the verbose line says it.
            WriteVerbose($"VM '{moved.Name}': {moved.Migration}");
            WriteObject(moved);
        }
        else if (task.Error is { } error)
        {
            WriteVIError(error, target: error.Target ?? task.Target);
        }
    }
}
