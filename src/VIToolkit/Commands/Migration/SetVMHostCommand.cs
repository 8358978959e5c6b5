using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using VIToolkit.Core.Engine;
using VIToolkit.Base;
using VIToolkit.Completers;
using VIToolkit.Core;
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
    public VMHostArgument[] VMHost { get; set; } = null!;

    /// <summary>Maintenance (placement, HA and DRS leave the host alone) or Connected (back in service).</summary>
    [Parameter]
    public VMHostTargetState? State { get; set; }

    /// <summary>With -State Maintenance: first move every running VM to other hosts of the cluster.</summary>
    [Parameter]
    public SwitchParameter Evacuate { get; set; }

    /// <summary>With -Evacuate: Auto (live; a running VM that cannot move live is refused, never powered off), Live, or Offline (power the VMs off and on again on the other hosts).</summary>
    [Parameter]
    public MigrationType MigrationType { get; set; } = MigrationType.Auto;

    /// <summary>The URI other hosts' daemons use to reach this host for live migration ('' clears it).</summary>
    [Parameter]
    [AllowEmptyString]
    public string? MigrationUri { get; set; }

    /// <summary>Where migrating memory is sent on this host, e.g. tcp://10.0.0.2 ('' clears it).</summary>
    [Parameter]
    [AllowEmptyString]
    public string? MigrationDataUri { get; set; }

    protected override void Begin()
    {
        if (Evacuate && State != VMHostTargetState.Maintenance)
        {
            ThrowTerminatingError(new ErrorRecord(new ArgumentException("-Evacuate goes with -State Maintenance."), "EvacuateWithoutMaintenance", ErrorCategory.InvalidArgument, null));
        }
        if (MigrationDataUri is { Length: > 0 } data && !System.Uri.TryCreate(data, UriKind.Absolute, out _))
        {
            ThrowTerminatingError(new ErrorRecord(new ArgumentException($"'{MessageText.Input(data)}' is not a URI such as tcp://10.0.0.2."), "InvalidUri", ErrorCategory.InvalidArgument, data));
        }
    }

    protected override void Process()
    {
        foreach (var host in Found(HostResolver.Resolve(VMHost, containers: false, Session)).Select(HostService.Identify))
        {
            try
            {
                if (MigrationUri is not null || MigrationDataUri is not null)
                {
                    if (!ShouldProcess($"Host '{host.Name}'", "Set migration URIs"))
                    {
                        continue;
                    }
                    Session.Clusters.SetHostSettings(host, MigrationUri, MigrationDataUri);
                }
                bool changed = State switch
                {
                    VMHostTargetState.Connected => ExitMaintenance(host),
                    VMHostTargetState.Maintenance => EnterMaintenance(host),
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

    private bool ExitMaintenance(VMHost host)
    {
        if (!ShouldProcess($"Host '{host.Name}'", "Exit maintenance mode"))
        {
            return false;
        }
        Session.Maintenance.ExitMaintenance(host.Server);
        return true;
    }

    private bool EnterMaintenance(VMHost host)
    {
        var maintenance = Session.Maintenance;
        var plan = maintenance.PlanEvacuation(host.Server, CancellationToken, MigrationType);
        plan.EnsureFeasible(Evacuate);
        if (!ShouldProcess($"Host '{host.Name}'", plan.Describe()))
        {
            return false;
        }
        var run = maintenance.StartEvacuation(plan, "Set-VMHost", int.MaxValue);
        bool completed;
        try
        {
            completed = new TaskWaiter(this, $"Evacuate {host.Name}").WaitAllOrCancel(run.Tasks, CancellationToken, task =>
            {
                if (task.State == VITaskState.Success && task.Result is VirtualMachine moved)
                {
                    WriteVerbose($"VM '{moved.Name}': {moved.Migration}");
                }
                else if (task.Error is { } error)
                {
                    WriteVIError(error, target: error.Target ?? task.Target);
                }
            });
        }
        catch
        {
            run.Dispose();
            throw;
        }
        if (!completed)
        {
            run.Dispose();
            return false;
        }
        maintenance.FinishEvacuation(run);
        return true;
    }
}
