using System;
using VIToolkit.Core.Connections;

namespace VIToolkit.Core.Model;

/// <summary>A storage pool of one host (PowerCLI's Datastore) as it was when read.</summary>
public sealed class Datastore
{
    internal Datastore(string name, Guid uuid, string type, string state, double capacityGB, double freeSpaceGB,
        string? source, string? path, bool shared, VIServer server, Lazy<VMHost> host)
    {
        Name = name;
        Uuid = uuid;
        Id = uuid.ToString("D");
        Type = type;
        State = state;
        CapacityGB = capacityGB;
        FreeSpaceGB = freeSpaceGB;
        Source = source;
        Path = path;
        Shared = shared;
        Server = server;
        VMHostName = server.Name;
        _host = host;
    }

    private readonly Lazy<VMHost> _host;

    public string Name { get; }
    /// <summary>libvirt's pool type: dir, fs, netfs, logical, iscsi, rbd, gluster…</summary>
    public string Type { get; }
    /// <summary>Available, Inactive, Building, Degraded or Inaccessible.</summary>
    public string State { get; }
    public double CapacityGB { get; }
    public double FreeSpaceGB { get; }
    /// <summary>Where the storage comes from (server:/export, device, pool name), as one string comparable across hosts.</summary>
    public string? Source { get; }
    /// <summary>Where the pool is mounted or kept on the host.</summary>
    public string? Path { get; }
    /// <summary>True for network storage types that several hosts can use at once (netfs, iscsi, rbd, gluster…).</summary>
    public bool Shared { get; }
    public VMHost VMHost => _host.Value;
    public string VMHostName { get; }
    public string Id { get; }
    public Guid Uuid { get; }
    public VIServer Server { get; }

    public override string ToString() => Name;
}
