namespace VIToolkit.Core.Model;

/// <summary>A VM's power state, with PowerCLI's names.</summary>
public enum PowerState
{
    PoweredOff,
    PoweredOn,
    Suspended,
}

/// <summary>
/// A host's state, with PowerCLI's names. Connected, NotResponding and Disconnected describe the link to its daemon
/// (<c>VIServer.ConnectionState</c>); EnteringMaintenance and Maintenance come from the session and the inventory and
/// show on the host (<c>VMHost.ConnectionState</c>). The link wins: a host in maintenance that stops answering is
/// NotResponding. Room is left for HA's states (Degraded, Isolated, Failed, Unguarded).
/// </summary>
public enum HostConnectionState
{
    Connected,
    Disconnected,
    Maintenance,
    NotResponding,
    EnteringMaintenance,
}

/// <summary>A host's power state as far as its management connection can tell.</summary>
public enum HostPowerState
{
    PoweredOn,
    Unknown,
}
