using System;
using VIToolkit.Core.Connections;

namespace VIToolkit.Core.Model;

/// <summary>A libvirt network of one host as it was when read.</summary>
public sealed class VirtualNetwork
{
    private readonly Lazy<VMHost> _host;

    internal VirtualNetwork(string name, Guid uuid, string? bridge, string forwardMode, string? subnet, bool isActive,
        VIServer server, Lazy<VMHost> host)
    {
        Name = name;
        Uuid = uuid;
        Id = uuid.ToString("D");
        Bridge = bridge;
        ForwardMode = forwardMode;
        Subnet = subnet;
        IsActive = isActive;
        Server = server;
        VMHostName = server.Name;
        _host = host;
    }

    public string Name { get; }
    public string? Bridge { get; }
    /// <summary>nat, route, bridge, open, passthrough…, or isolated when the network has no forward element.</summary>
    public string ForwardMode { get; }
    /// <summary>The first IP subnet in CIDR form, e.g. <c>172.17.0.0/16</c>.</summary>
    public string? Subnet { get; }
    public bool IsActive { get; }
    public VMHost VMHost => _host.Value;
    public string VMHostName { get; }
    public string Id { get; }
    public Guid Uuid { get; }
    public VIServer Server { get; }

    public override string ToString() => Name;
}
