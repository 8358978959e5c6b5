namespace VIToolkit.Core.Model;

/// <summary>libvirt's <c>virDomainState</c>, value for value: the one place a domain state gets a name.</summary>
public enum DomainState
{
    NoState = 0,
    Running = 1,
    Blocked = 2,
    Paused = 3,
    ShuttingDown = 4,
    ShutOff = 5,
    Crashed = 6,
    PMSuspended = 7,
}

/// <summary>
/// What a domain state means for the actions that look at it. A value libvirt might add after
/// <see cref="DomainState.PMSuspended"/> (none since libvirt 0.9.11, but a newer daemon can send one) counts as
/// active, so that nothing destructive assumes its QEMU process is gone, and as neither running nor paused; its
/// <see cref="PowerState"/> is PoweredOff and its word "NoState", as they always were.
/// </summary>
public static class DomainStateExtensions
{
    /// <summary>A QEMU process exists: everything but <c>NoState</c>, <c>ShutOff</c> and <c>Crashed</c>.</summary>
    public static bool IsActive(this DomainState state) =>
        state is not (DomainState.NoState or DomainState.ShutOff or DomainState.Crashed);

    /// <summary>The vCPUs run: <c>Running</c>, <c>Blocked</c> (waiting on I/O) or <c>ShuttingDown</c>.</summary>
    public static bool IsRunning(this DomainState state) =>
        state is DomainState.Running or DomainState.Blocked or DomainState.ShuttingDown;

    /// <summary>Suspended in memory: the process exists but its vCPUs are stopped (<c>Paused</c>, or <c>PMSuspended</c> by the guest).</summary>
    public static bool IsPaused(this DomainState state) =>
        state is DomainState.Paused or DomainState.PMSuspended;

    /// <summary>PowerCLI's power state; a shut-off domain with a managed-save image (suspended to disk) is Suspended.</summary>
    public static PowerState ToPowerState(this DomainState state, bool hasManagedSave) =>
        state.IsRunning() ? PowerState.PoweredOn
        : state.IsPaused() ? PowerState.Suspended
        : hasManagedSave ? PowerState.Suspended
        : PowerState.PoweredOff;

    /// <summary>The word <see cref="VirtualMachine.State"/> shows (libvirt's state, spelt as PowerShell users see it).</summary>
    public static string Describe(this DomainState state) => state switch
    {
        DomainState.Running => "Running",
        DomainState.Blocked => "Blocked",
        DomainState.Paused => "Paused",
        DomainState.ShuttingDown => "ShuttingDown",
        DomainState.ShutOff => "ShutOff",
        DomainState.Crashed => "Crashed",
        DomainState.PMSuspended => "PMSuspended",
        _ => "NoState",
    };
}
