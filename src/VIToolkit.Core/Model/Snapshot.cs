using System;
using VIToolkit.Core.Connections;

namespace VIToolkit.Core.Model;

/// <summary>A VM snapshot as it was when read.</summary>
public sealed class Snapshot
{
    internal Snapshot(string name, string? description, DateTime? created, string? state, string? parentName, bool isCurrent, VirtualMachine vm)
    {
        Name = name;
        Description = description;
        Created = created?.ToLocalTime();
        State = state;
        PowerState = state switch
        {
            "running" or "blocked" or "shutdown" => Model.PowerState.PoweredOn,
            "paused" or "pmsuspended" => Model.PowerState.Suspended,
            _ => Model.PowerState.PoweredOff,
        };
        ParentSnapshot = parentName;
        IsCurrent = isCurrent;
        VM = vm;
        VMId = vm.Id;
        Server = vm.Server;
    }

    public string Name { get; }
    public string? Description { get; }
    public DateTime? Created { get; }
    /// <summary>libvirt's state of the VM when the snapshot was taken (running, shutoff, disk-snapshot…).</summary>
    public string? State { get; }
    public PowerState PowerState { get; }
    public string? ParentSnapshot { get; }
    public bool IsCurrent { get; }
    public VirtualMachine VM { get; }
    public string VMId { get; }
    public VIServer Server { get; }

    public override string ToString() => Name;
}

/// <summary>Where a VM's display can be reached.</summary>
public sealed class VMConsole
{
    internal VMConsole(VirtualMachine vm, string type, string? host, int? port, string? listen, string? note)
    {
        VM = vm;
        VMName = vm.Name;
        Type = type;
        Host = host;
        Port = port;
        Listen = listen;
        Note = note;
        Uri = port is int p && host is not null ? $"{type}://{host}:{p}" : null;
    }

    public VirtualMachine VM { get; }
    public string VMName { get; }
    /// <summary>vnc or spice.</summary>
    public string Type { get; }
    /// <summary>The host to point a viewer at (the hypervisor's address as this session knows it).</summary>
    public string? Host { get; }
    public int? Port { get; }
    /// <summary>The address the display listens on, on the hypervisor.</summary>
    public string? Listen { get; }
    public string? Uri { get; }
    /// <summary>Why there is no port, or how to reach a display that listens on the hypervisor's loopback only.</summary>
    public string? Note { get; }

    public override string ToString() => Uri ?? $"{Type} (no port)";
}
