using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using VIToolkit.Base;
using VIToolkit.Completers;
using VIToolkit.Core;
using VIToolkit.Core.Migration;
using VIToolkit.Core.Model;
using VIToolkit.Core.Services;
using VIToolkit.Core.Tasks;

namespace VIToolkit.Commands.Migration;

/// <summary>The states Set-VMHost can put a host in.</summary>
public enum VMHostTargetState
{
    Connected,
    Maintenance,
}

/// <summary>Puts hosts into or out of maintenance mode (evacuating their VMs first), and sets how they are reached for migrations.</summary>
[Cmdlet(VerbsCommon.Set, "VMHost", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(VMHost))]
public sealed class SetVMHostCommand : VIToolkitCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [VMHostTransformation]
    [ArgumentCompleter(typeof(VMHostNameCompleter))]
    [ValidateNotNullOrEmpty]
    public VMHost[] VMHost { get; set; } = null!;

    /// <summary>Maintenance (placement, HA and DRS leave the host alone) or Connected (back in service).</summary>
    [Parameter]
    public VMHostTargetState? State { get; set; }

    /// <summary>With -State Maintenance: first move every running VM to other hosts of the cluster.</summary>
    [Parameter]
    public SwitchParameter Evacuate { get; set; }

    /// <summary>The URI other hosts' daemons use to reach this host for live migration ('' clears it).</summary>
    [Parameter]
    [AllowEmptyString]
    public string? MigrationUri { get; set; }

    /// <summary>Where migrating memory is sent on this host, e.g. tcp://10.0.0.2 ('' clears it).</summary>
    [Parameter]
    [AllowEmptyString]
    public string? MigrationDataUri { get; set; }

    protected override void BeginProcessing()
    {
        if (Evacuate && State != VMHostTargetState.Maintenance)
        {
            ThrowTerminatingError(new ErrorRecord(new ArgumentException("-Evacuate goes with -State Maintenance."), "EvacuateWithoutMaintenance", ErrorCategory.InvalidArgument, null));
        }
        if (MigrationDataUri is { Length: > 0 } data && !System.Uri.TryCreate(data, UriKind.Absolute, out _))
        {
            ThrowTerminatingError(new ErrorRecord(new ArgumentException($"'{data}' is not a URI such as tcp://10.0.0.2."), "InvalidUri", ErrorCategory.InvalidArgument, data));
        }
    }

    protected override void ProcessRecord()
    {
        var clusters = InventoryContext.Clusters;
        foreach (var host in VMHost)
        {
            try
            {
                if (MigrationUri is not null || MigrationDataUri is not null)
                {
                    if (!ShouldProcess($"Host '{host.Name}'", "Set migration URIs"))
                    {
                        continue;
                    }
                    clusters.SetHostSettings(host, MigrationUri, MigrationDataUri);
                }
                bool changed = State switch
                {
                    VMHostTargetState.Connected => ExitMaintenance(host, clusters),
                    VMHostTargetState.Maintenance => EnterMaintenance(host, clusters),
                    _ => true,
                };
                if (changed)
                {
                    WriteObject(HostService.GetVMHost(host.Server));
                }
            }
            catch (VIToolkitException e)
            {
                WriteVIError(e, target: host);
            }
        }
    }

    private bool ExitMaintenance(VMHost host, Core.Clusters.ClusterService clusters)
    {
        if (!ShouldProcess($"Host '{host.Name}'", "Exit maintenance mode"))
        {
            return false;
        }
        clusters.SetMaintenance(host, false);
        return true;
    }

    private bool EnterMaintenance(VMHost host, Core.Clusters.ClusterService clusters)
    {
        var plan = new MaintenanceService(clusters).PlanEvacuation(host, CancellationToken);
        if (plan.Count > 0 && !Evacuate)
        {
            throw new VIToolkitException("HostHasRunningVMs", ErrorKind.InvalidState,
                $"Host '{host.Name}' runs {plan.Count} VM(s) ({string.Join(", ", plan.Select(p => p.VM.Name))}). Add -Evacuate to move them to other hosts of its cluster, or stop them first.") { Target = host };
        }
        var stuck = plan.Where(p => !p.Placed).ToList();
        if (stuck.Count > 0)
        {
            throw new VIToolkitException("EvacuationNotPossible", ErrorKind.Incompatible,
                $"Host '{host.Name}' cannot be evacuated; nothing was moved. No host can take: {string.Join(" ", stuck.Select(p => $"'{p.VM.Name}' ({p.Reason})."))}") { Target = host };
        }
        string what = plan.Count == 0 ? "Enter maintenance mode"
            : $"Move {plan.Count} VM(s) ({string.Join(", ", plan.Select(p => $"{p.VM.Name} to {p.Destination!.Name}"))}), then enter maintenance mode";
        if (!ShouldProcess($"Host '{host.Name}'", what))
        {
            return false;
        }
        if (plan.Count > 0)
        {
            var service = new MigrationService(clusters);
            var tasks = plan.Select(p =>
            {
                var destination = p.Destination!;
                var request = service.RequestFor(destination, MigrationType.Auto, skipCompatibilityCheck: false);
                return TaskManager.Start("Set-VMHost", $"Evacuate VM '{p.VM.Name}' from '{host.Name}' to '{destination.Name}'", p.VM,
                    task => service.Move(p.VM, destination, request, task, task.CancellationToken));
            }).ToList();
            var failed = new List<VITask>();
            bool completed = new TaskWaiter(this, $"Evacuate {host.Name}").WaitAllOrCancel(tasks, CancellationToken, task =>
            {
                if (task.State == VITaskState.Success && task.Result is VirtualMachine moved)
                {
                    if (moved.Migration!.PoweredOffForMove)
                    {
                        WriteWarning($"VM '{moved.Name}' was moved offline: powered off on '{host.Name}' and on again on '{moved.Migration.Destination}'{(moved.Server.Simulated ? " (simulated hosts cannot migrate live)" : string.Empty)}.");
                    }
                    WriteVerbose($"VM '{moved.Name}': {moved.Migration}");
                }
                else
                {
                    failed.Add(task);
                    if (task.Error is { } error)
                    {
                        WriteVIError(error, target: error.Target ?? task.Target);
                    }
                }
            });
            if (!completed)
            {
                return false;
            }
            if (failed.Count > 0)
            {
                throw new VIToolkitException("EvacuationIncomplete", ErrorKind.OperationFailed,
                    $"{failed.Count} of {plan.Count} VM(s) could not be moved off '{host.Name}' (see the errors above); the host was not put in maintenance mode.") { Target = host };
            }
        }
        clusters.SetMaintenance(host, true);
        return true;
    }
}
