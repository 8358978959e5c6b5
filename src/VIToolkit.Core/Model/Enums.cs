namespace VIToolkit.Core.Model;

/// <summary>A VM's power state, with PowerCLI's names.</summary>
public enum PowerState
{
    PoweredOff,
    PoweredOn,
    Suspended,
}

/// <summary>A host's connection state, with PowerCLI's names.</summary>
public enum HostConnectionState
{
    Connected,
    Disconnected,
    Maintenance,
    NotResponding,
}

/// <summary>A host's power state as far as its management connection can tell.</summary>
public enum HostPowerState
{
    PoweredOn,
    Unknown,
}
