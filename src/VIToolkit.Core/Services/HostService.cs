using System;
using System.Collections.Generic;
using System.Linq;
using VIToolkit.Core.Connections;
using VIToolkit.Core.Interop;
using VIToolkit.Core.Model;

namespace VIToolkit.Core.Services;

/// <summary>Reads hosts.</summary>
public static class HostService
{
    /// <summary>
    /// Reads the host behind <paramref name="server"/>. A host that does not answer still comes back, with its
    /// connection state and the facts read at connect time, as PowerCLI shows a Not Responding host.
    /// </summary>
    public static VMHost GetVMHost(VIServer server) => GetVMHost(server, null);

    /// <param name="inventory">The inventory already read by the caller (several hosts, one read), else read here.</param>
    internal static VMHost GetVMHost(VIServer server, Inventory.InventoryDocument? inventory)
    {
        if (!server.IsConnected)
        {
            return new VMHost(server, server.ConnectionState, null, null, null);
        }
        try
        {
            var state = server.Session?.StateOf(server, inventory) ?? server.ConnectionState;
            return server.Invoke(native => Describe(server, state, native.ListDomains(keep: null, withDescriptions: false), native.TryGetFreeMemory()));
        }
        catch (HostUnreachableException)
        {
            return new VMHost(server, server.ConnectionState, null, null, null);
        }
    }

    /// <summary>
    /// The host as its connection knows it (name, URI, Id and the facts read at connect time), read from nothing:
    /// enough to name it to the inventory (a cluster member, migration settings). Its live figures are null; use
    /// <see cref="GetVMHost"/> for a host to show.
    /// </summary>
    public static VMHost Identify(VIServer server) => new(server, server.ConnectionState, null, null, null);

    /// <summary>A host from what was read of it: its domains and, where the host reports it, its free memory.</summary>
    internal static VMHost Describe(VIServer server, HostConnectionState state, IReadOnlyList<DomainRecord> domains, ulong? freeBytes)
    {
        int poweredOn = domains.Count(d => d.State.IsRunning());
        bool estimated = freeBytes is not ulong f || f > server.Facts.MemoryTotalBytes;
        double usage = !estimated
            ? (server.Facts.MemoryTotalBytes - freeBytes!.Value) / Units.GiB
            : domains.Where(d => d.State.IsActive()).Sum(d => (double)d.MemoryKiB) / Units.MiB;
        return new VMHost(server, state, Math.Round(usage, 3), domains.Count, poweredOn, estimated);
    }

    /// <summary>A host read on first use, shared by every object of one listing.</summary>
    internal static Lazy<VMHost> Deferred(VIServer server) => new(() => GetVMHost(server));
}
