using System;
using System.Threading;
using System.Management.Automation;
using VIToolkit.Base;
using VIToolkit.Core.Model;
using VIToolkit.Core.Services;

namespace VIToolkit.Commands.VMs;

/// <summary>Powers on VMs; resumes suspended ones.</summary>
[Cmdlet(VerbsLifecycle.Start, "VM", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(VirtualMachine))]
public sealed class StartVMCommand : VMPowerCommand
{
    protected override string ActionName => "Start";

    protected override VMActionResult Act(VirtualMachine vm, CancellationToken cancellationToken) => VMLifecycleService.Start(vm);
}

/// <summary>Powers off VMs at once (no guest shutdown), as PowerCLI's Stop-VM.</summary>
[Cmdlet(VerbsLifecycle.Stop, "VM", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(VirtualMachine))]
public sealed class StopVMCommand : VMPowerCommand
{
    protected override string ActionName => "Power off";

    protected override VMActionResult Act(VirtualMachine vm, CancellationToken cancellationToken) => VMLifecycleService.Stop(vm);
}

/// <summary>Suspends VMs: paused in memory, or saved to disk with -ToDisk.</summary>
[Cmdlet(VerbsLifecycle.Suspend, "VM", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(VirtualMachine))]
public sealed class SuspendVMCommand : VMPowerCommand
{
    /// <summary>Save memory to disk and free the host (libvirt managed save) instead of pausing in memory.</summary>
    [Parameter]
    public SwitchParameter ToDisk { get; set; }

    protected override string ActionName => ToDisk ? "Suspend to disk" : "Suspend";

    protected override VMActionResult Act(VirtualMachine vm, CancellationToken cancellationToken) => VMLifecycleService.Suspend(vm, ToDisk);
}

/// <summary>Resets VMs (hard restart), as PowerCLI's Restart-VM.</summary>
[Cmdlet(VerbsLifecycle.Restart, "VM", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(VirtualMachine))]
public sealed class RestartVMCommand : VMPowerCommand
{
    protected override string ActionName => "Reset";

    protected override VMActionResult Act(VirtualMachine vm, CancellationToken cancellationToken) => VMLifecycleService.Restart(vm);
}

/// <summary>Asks the guest OS to reboot.</summary>
[Cmdlet(VerbsLifecycle.Restart, "VMGuest", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(VirtualMachine))]
public sealed class RestartVMGuestCommand : VMPowerCommand
{
    protected override string ActionName => "Restart guest";

    protected override VMActionResult Act(VirtualMachine vm, CancellationToken cancellationToken) => VMLifecycleService.RestartGuest(vm);
}

/// <summary>Asks the guest OS to shut down (ACPI) and waits for it.</summary>
[Cmdlet(VerbsLifecycle.Stop, "VMGuest", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(VirtualMachine))]
public sealed class StopVMGuestCommand : VMPowerCommand
{
    /// <summary>How long to wait for the guest to power off; 0 returns as soon as the request is made.</summary>
    [Parameter]
    [ValidateRange(0, 86400)]
    public int TimeoutSeconds { get; set; } = 120;

    protected override string ActionName => "Shut down guest";

    protected override VMActionResult Act(VirtualMachine vm, CancellationToken cancellationToken) =>
        VMLifecycleService.ShutdownGuest(vm, TimeSpan.FromSeconds(TimeoutSeconds), cancellationToken);
}
