using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Xml.Linq;
using VIToolkit.Core.Connections;
using VIToolkit.Core.Interop;
using VIToolkit.Core.Model;

namespace VIToolkit.Core.Services;

/// <summary>Reads a host's storage pools as datastores.</summary>
public static class DatastoreService
{
    private static readonly HashSet<string> s_sharedTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "netfs", "iscsi", "iscsi-direct", "rbd", "gluster", "sheepdog", "vstorage",
    };

    public static IReadOnlyList<Datastore> List(VIServer server) =>
        server.Invoke(native => Read(native, server, HostService.Deferred(server)));

    internal static IReadOnlyList<Datastore> Read(NativeConnection native, VIServer server, Lazy<VMHost> host) =>
        native.ListStoragePools()
            .Select(record => ToDatastore(record, server, host))
            .OrderBy(d => d.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();

    /// <summary>True when the pool type is network storage that several hosts can share.</summary>
    public static bool IsSharedType(string type) => s_sharedTypes.Contains(type);

    private static Datastore ToDatastore(in StoragePoolRecord record, VIServer server, Lazy<VMHost> host)
    {
        var pool = XDocument.Parse(record.Xml).Root!;
        string type = (string?)pool.Attribute("type") ?? "unknown";
        string? source = DescribeSource(pool.Element("source"));
        string? path = pool.Element("target")?.Element("path")?.Value;
        string state = record.State switch
        {
            0 => "Inactive",
            1 => "Building",
            2 => "Available",
            3 => "Degraded",
            4 => "Inaccessible",
            _ => "Unknown",
        };
        return new Datastore(record.Name, record.Uuid, type, state,
            Math.Round(record.CapacityBytes / Units.GiB, 2), Math.Round(record.AvailableBytes / Units.GiB, 2),
            source, path, IsSharedType(type), server, host);
    }

    /// <summary>One comparable string for where the pool's storage comes from: host(s):dir, device, or pool name.</summary>
    internal static string? DescribeSource(XElement? source)
    {
        if (source is null)
        {
            return null;
        }
        var hosts = source.Elements("host").Select(h => (string?)h.Attribute("name")).Where(n => !string.IsNullOrEmpty(n)).ToList();
        string? dir = (string?)source.Element("dir")?.Attribute("path");
        string? device = (string?)source.Element("device")?.Attribute("path");
        string? name = source.Element("name")?.Value;
        string? location = dir ?? device ?? name;
        if (hosts.Count > 0)
        {
            return string.Join(",", hosts) + ":" + (location ?? string.Empty);
        }
        return location;
    }
}

/// <summary>Reads a host's libvirt networks.</summary>
/// <summary>What Rename-VirtualNetwork did.</summary>
/// <param name="VMs">The host's VMs that used the old name (re-pointed with -UpdateVMs, else still using it).</param>
/// <param name="RunningWithOldName">Running VMs whose definition was changed but whose running configuration could not be (the driver cannot change a device live): they use the new name from their next power-on.</param>
public sealed record NetworkRenameResult(VirtualNetwork Network, IReadOnlyList<string> VMs, IReadOnlyList<string> RunningWithOldName);

public static class NetworkService
{
    public static IReadOnlyList<VirtualNetwork> List(VIServer server) =>
        server.Invoke(native => Read(native, server, HostService.Deferred(server)));

    internal static IReadOnlyList<VirtualNetwork> Read(NativeConnection native, VIServer server, Lazy<VMHost> host) =>
        native.ListNetworks()
            .Select(record => ToNetwork(record, server, host))
            .OrderBy(n => n.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();

    /// <summary>A network name: 1 to 200 characters, without leading or trailing spaces, '/', '\' or control characters.</summary>
    public static void ValidateName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 200 || name != name.Trim() || name.Any(c => char.IsControl(c) || c is '/' or '\\'))
        {
            throw new InvalidInputException("InvalidNetworkName", $"'{MessageText.Input(name)}' is not a valid network name: it must be 1 to 200 characters, without leading or trailing spaces, '/', '\\' or control characters.", name);
        }
    }

    /// <summary>
    /// Renames a network of one host; returns it as it is afterwards, with the VMs whose definitions name the old
    /// network (libvirt keeps the name in each VM's NIC). With <paramref name="updateVMs"/> their persistent
    /// definitions are changed to the new name (running VMs stay attached to the same bridge meanwhile) and the
    /// list says which were changed; without it, which still name the old network.
    /// </summary>
    public static NetworkRenameResult Rename(VIServer server, string oldName, string newName, bool updateVMs = false)
    {
        ValidateName(newName);
        server.Invoke(native =>
        {
            if (native.NetworkExists(newName))
            {
                throw new VIToolkitException("VirtualNetworkAlreadyExists", ErrorKind.AlreadyExists, $"Host '{server.Name}' already has a network named '{MessageText.Input(newName)}'.") { Target = newName };
            }
            native.RenameNetwork(oldName, newName);
            return true;
        });
        var (users, stale) = server.Invoke(native =>
        {
            var names = new List<string>();
            var runningWithOldName = new List<string>();
            foreach (var domain in native.ListDomains())
            {
                string? changed = Provisioning.DomainXmlBuilder.RenameNetwork(native.GetDomainXml(domain.Uuid, inactive: true), oldName, newName);
                bool running = domain.State.IsActive();
                bool live = running && Provisioning.DomainXmlBuilder.NetworkNames(native.GetDomainXml(domain.Uuid, inactive: false)).Contains(oldName, StringComparer.Ordinal);
                if (changed is null && !live)
                {
                    continue;
                }
                names.Add(domain.Name);
                if (!updateVMs)
                {
                    continue;
                }
                if (changed is not null)
                {
                    native.DefineDomain(changed);
                }
                if (live && !MoveLiveInterfaces(native, domain.Uuid, oldName, newName))
                {
                    runningWithOldName.Add(domain.Name);
                }
            }
            return (names.OrderBy(n => n, StringComparer.OrdinalIgnoreCase).ToList(), runningWithOldName.OrderBy(n => n, StringComparer.OrdinalIgnoreCase).ToList());
        });
        return new NetworkRenameResult(List(server).First(n => n.Name == newName), users, stale);
    }

    /// <summary>Points the running VM's interfaces on <paramref name="oldName"/> at <paramref name="newName"/>; false when the driver cannot change devices live.</summary>
    private static bool MoveLiveInterfaces(NativeConnection native, Guid uuid, string oldName, string newName)
    {
        string liveXml = native.GetDomainXml(uuid, inactive: false);
        foreach (string device in Provisioning.DomainXmlBuilder.InterfacesMovedToNetwork(liveXml, oldName, newName))
        {
            if (!native.TryUpdateDeviceLive(uuid, device))
            {
                return false;
            }
        }
        return true;
    }

    private static VirtualNetwork ToNetwork(in NetworkRecord record, VIServer server, Lazy<VMHost> host)
    {
        var network = XDocument.Parse(record.Xml).Root!;
        string? bridge = (string?)network.Element("bridge")?.Attribute("name");
        var forward = network.Element("forward");
        string mode = forward is null ? "isolated" : (string?)forward.Attribute("mode") ?? "nat";
        return new VirtualNetwork(record.Name, record.Uuid, bridge, mode, Subnet(network), record.IsActive, server, host);
    }

    /// <summary>The first IPv4 (else IPv6) subnet of the network in CIDR form.</summary>
    internal static string? Subnet(XElement network)
    {
        foreach (var ip in network.Elements("ip").OrderBy(e => (string?)e.Attribute("family") == "ipv6" ? 1 : 0))
        {
            if (!IPAddress.TryParse((string?)ip.Attribute("address"), out var address))
            {
                continue;
            }
            int? prefix = int.TryParse((string?)ip.Attribute("prefix"), NumberStyles.None, CultureInfo.InvariantCulture, out int p) ? p : null;
            if (prefix is null && IPAddress.TryParse((string?)ip.Attribute("netmask"), out var mask))
            {
                prefix = mask.GetAddressBytes().Sum(b => System.Numerics.BitOperations.PopCount(b));
            }
            prefix ??= address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? 64 : 24;
            return $"{NetworkAddress(address, prefix.Value)}/{prefix.Value}";
        }
        return null;
    }

    private static IPAddress NetworkAddress(IPAddress address, int prefix)
    {
        byte[] bytes = address.GetAddressBytes();
        for (int i = 0; i < bytes.Length; i++)
        {
            int bits = Math.Clamp(prefix - i * 8, 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - bits));
        }
        return new IPAddress(bytes);
    }
}
