using System;
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
    public static VMHost GetVMHost(VIServer server)
    {
        if (!server.IsConnected)
        {
            return new VMHost(server, server.ConnectionState, null, null, null);
        }
        try
        {
            return server.Invoke(native =>
            {
                var domains = native.ListDomains();
                int poweredOn = domains.Count(d => d.State.IsRunning());
                ulong? free = native.TryGetFreeMemory();
                double usage = free is ulong f && f <= server.Facts.MemoryTotalBytes
                    ? (server.Facts.MemoryTotalBytes - f) / Units.GiB
                    : domains.Where(d => d.State.IsActive()).Sum(d => (double)d.MemoryKiB) / Units.MiB;
                return new VMHost(server, server.ConnectionState, Math.Round(usage, 3), domains.Count, poweredOn);
            });
        }
        catch (HostUnreachableException)
        {
            return new VMHost(server, server.ConnectionState, null, null, null);
        }
    }

    /// <summary>A host read on first use, shared by every object of one listing.</summary>
    internal static Lazy<VMHost> Deferred(VIServer server) => new(() => GetVMHost(server));
}
