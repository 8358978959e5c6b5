using System;
using System.Linq;
using System.Threading;
using VIToolkit.Core.Interop;
using VIToolkit.Core.Model;

namespace VIToolkit.Core.Services;

/// <summary>The outcome of one action on one VM: the VM as it is now, and whether anything had to change.</summary>
/// <param name="Changed">False when the VM already was in the asked-for state (a warning, not an error).</param>
public sealed record VMActionResult(VirtualMachine VM, bool Changed, string? Message = null);

/// <summary>
/// Power operations. Each re-reads the VM by UUID on its host and decides from its current state, never from the
/// (possibly stale) object it was handed.
/// </summary>
public static class VMLifecycleService
{
    /// <summary>Powers on a powered-off VM, restores a suspended-to-disk one, resumes a paused one.</summary>
    public static VMActionResult Start(VirtualMachine vm) => Run(vm, (native, current) => current.State switch
    {
        var state when state.IsRunning() => Unchanged(vm, current, "is already powered on"),
        DomainState.Paused => Changed(vm, native.ResumeDomain(vm.Uuid), "VmResumedEvent", "was resumed"),
        DomainState.PMSuspended => Changed(vm, native.WakeupDomain(vm.Uuid), "VmPoweredOnEvent", "was woken up"),
        _ => Changed(vm, native.CreateDomain(vm.Uuid), current.HasManagedSave ? "VmResumedEvent" : "VmPoweredOnEvent", current.HasManagedSave ? "was resumed from disk" : "is powered on"),
    });

    /// <summary>Hard power-off (PowerCLI's Stop-VM). A suspended-to-disk VM loses its saved state.</summary>
    public static VMActionResult Stop(VirtualMachine vm) => Run(vm, (native, current) =>
    {
        if (!current.State.IsActive())
        {
            return current.HasManagedSave
                ? Changed(vm, native.RemoveManagedSave(vm.Uuid), "VmPoweredOffEvent", "is powered off (its saved state was discarded)")
                : Unchanged(vm, current, "is already powered off");
        }
        return Changed(vm, native.DestroyDomain(vm.Uuid), "VmPoweredOffEvent", "is powered off");
    });

    /// <summary>Pauses the VM in memory, or with <paramref name="toDisk"/> saves its memory to disk and frees the host.</summary>
    public static VMActionResult Suspend(VirtualMachine vm, bool toDisk) => Run(vm, (native, current) =>
    {
        if (!current.State.IsActive())
        {
            return current.HasManagedSave
                ? Unchanged(vm, current, "is already suspended")
                : throw InvalidState(vm, "is powered off and cannot be suspended");
        }
        if (current.State.IsPaused() && !toDisk)
        {
            return Unchanged(vm, current, "is already suspended");
        }
        return toDisk
            ? Changed(vm, native.ManagedSaveDomain(vm.Uuid), "VmSuspendedEvent", "is suspended to disk")
            : Changed(vm, native.SuspendDomain(vm.Uuid), "VmSuspendedEvent", "is suspended");
    });

    /// <summary>Hard reset of a running VM (PowerCLI's Restart-VM).</summary>
    public static VMActionResult Restart(VirtualMachine vm) => Run(vm, (native, current) =>
        current.State.IsRunning() ? Changed(vm, native.ResetDomain(vm.Uuid), "VmResettingEvent", "was reset")
                      : throw InvalidState(vm, "is not powered on and cannot be restarted"));

    /// <summary>Asks the guest OS to reboot (ACPI or agent, as the hypervisor chooses).</summary>
    public static VMActionResult RestartGuest(VirtualMachine vm) => Run(vm, (native, current) =>
        current.State.IsRunning() ? Changed(vm, native.RebootDomain(vm.Uuid), "VmGuestRebootEvent", "was asked to restart its guest")
                      : throw InvalidState(vm, "is not powered on; its guest cannot be restarted"));

    /// <summary>
    /// Asks the guest OS to shut down (ACPI) and waits until the VM is off, up to <paramref name="timeout"/>
    /// (zero: do not wait). A guest that ignores the request gives <c>GuestShutdownTimeout</c>; the VM is left running.
    /// </summary>
    public static VMActionResult ShutdownGuest(VirtualMachine vm, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var asked = Run(vm, (native, current) =>
        {
            if (!current.State.IsActive())
            {
                return current.HasManagedSave
                    ? throw InvalidState(vm, "is suspended to disk; its guest cannot shut down (resume it with Start-VM first)")
                    : Unchanged(vm, current, "is already powered off");
            }
            if (current.State.IsPaused())
            {
                throw InvalidState(vm, "is suspended; its guest cannot shut down (resume it with Start-VM first)");
            }
            return Changed(vm, native.ShutdownDomain(vm.Uuid), "VmGuestShutdownEvent", "was asked to shut its guest down");
        });
        if (!asked.Changed || timeout <= TimeSpan.Zero || asked.VM.PowerState == PowerState.PoweredOff)
        {
            return asked;
        }
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (cancellationToken.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(200)))
            {
                throw new VIToolkitException("OperationCancelled", ErrorKind.Cancelled,
                    $"Stopped waiting for the guest of '{vm.Name}' to shut down; the shutdown request stands.") { Target = vm };
            }
            var now = VMService.Refresh(vm) ?? throw NotFound(vm);
            if (now.PowerState == PowerState.PoweredOff)
            {
                return new VMActionResult(now, true);
            }
            if (DateTime.UtcNow >= deadline)
            {
                throw new VIToolkitException("GuestShutdownTimeout", ErrorKind.Timeout,
                    $"The guest of '{vm.Name}' did not shut down within {timeout.TotalSeconds:0} s (it may ignore ACPI, or have no OS). It is still {now.PowerState}; use Stop-VM for a hard power-off.")
                { Target = now };
            }
        }
    }

    private static VMActionResult Run(VirtualMachine vm, Func<NativeConnection, DomainRecord, VMActionResult> action) =>
        vm.Server.Invoke(native =>
        {
            var current = native.FindDomainByUuid(vm.Uuid) ?? throw NotFound(vm);
            return action(native, current);
        });

    private static VMActionResult Changed(VirtualMachine vm, in DomainRecord after, string eventType, string what)
    {
        var now = new VirtualMachine(after, vm.Server, HostService.Deferred(vm.Server));
        vm.Server.Session?.Events.VM(eventType, now, $"{now.Name} on {now.VMHostName} {what}");
        return new VMActionResult(now, true);
    }

    private static VMActionResult Unchanged(VirtualMachine vm, in DomainRecord now, string what) =>
        new(new VirtualMachine(now, vm.Server, HostService.Deferred(vm.Server)), false, $"VM '{now.Name}' {what}.");

    internal static VIToolkitException InvalidState(VirtualMachine vm, string what) =>
        new("InvalidVMState", ErrorKind.InvalidState, $"VM '{vm.Name}' {what}.") { Target = vm };

    internal static ObjectNotFoundException NotFound(VirtualMachine vm) =>
        new("VMNotFound", $"VM '{vm.Name}' ({vm.Id}) no longer exists on host '{vm.VMHostName}'.", vm);
}
