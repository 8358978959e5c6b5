using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;
using VIToolkit.Core.Connections;
using VIToolkit.Core.Interop;

namespace VIToolkit.Core.Services;

/// <summary>
/// A datastore that several hosts mount (a shared pool type with the same source) is one store: a disk created from
/// one host is there for the others, the same disk cannot be created twice, and any of them can delete it.
/// Real hosts see the same files; a pool that has not yet seen a file another host wrote is refreshed
/// (<c>virStoragePoolRefresh</c>) before it is given up. Simulated hosts (libvirt's test driver) keep each pool in memory
/// per connection, so there the store is the union of the session's connected simulated hosts' copies of that pool.
/// </summary>
internal static class SharedStorage
{
    /// <summary>The identity of a shared pool (type and source), or null for storage of one host.</summary>
    internal static string? KeyOf(XElement pool)
    {
        string type = (string?)pool.Attribute("type") ?? string.Empty;
        return DatastoreService.IsSharedType(type) && DatastoreService.DescribeSource(pool.Element("source")) is { } source
            ? type.ToLowerInvariant() + "|" + source
            : null;
    }

    /// <summary>
    /// Refuses a new volume of <paramref name="poolName"/> when a simulated peer that mounts the same store already
    /// has it (on real hosts the file itself is the guard: libvirt creates it exclusively).
    /// </summary>
    internal static void EnsureVolumeFree(VIServer server, NativeConnection native, string poolName, string volumeName)
    {
        if (!server.Simulated || native.FindStoragePoolXml(poolName) is not { } xml || XDocument.Parse(xml).Root is not { } pool
            || KeyOf(pool) is not { } key)
        {
            return;
        }
        foreach (var (peer, target) in SimulatedPeers(server, key))
        {
            string path = target.TrimEnd('/') + "/" + volumeName;
            if (peer.Invoke(n => n.VolumeExists(path)))
            {
                throw new InvalidInputException("DiskCreationFailed",
                    $"Datastore '{poolName}' is shared with host '{peer.Name}', which already has a disk {path}.", poolName);
            }
        }
    }

    /// <summary>
    /// Deletes a disk that the host's own view of its pools does not have: a shared pool of a real host is refreshed
    /// and asked again; on simulated hosts the peers that mount the same store delete their copy.
    /// </summary>
    internal static bool DeleteElsewhere(VIServer server, NativeConnection native, string path)
    {
        foreach (var record in native.ListStoragePools())
        {
            var pool = XDocument.Parse(record.Xml).Root!;
            string? target = pool.Element("target")?.Element("path")?.Value;
            if (target is null || KeyOf(pool) is not { } key || !IsInside(path, target))
            {
                continue;
            }
            if (!server.Simulated)
            {
                native.RefreshPool(record.Name);
                return native.DeleteVolume(path);
            }
            string relative = path[target.TrimEnd('/').Length..];
            bool deleted = false;
            foreach (var (peer, peerTarget) in SimulatedPeers(server, key))
            {
                string peerPath = peerTarget.TrimEnd('/') + relative;
                deleted |= peer.Invoke(n => n.DeleteVolume(peerPath));
            }
            return deleted;
        }
        return false;
    }

    private static bool IsInside(string path, string folder) =>
        path.StartsWith(folder.TrimEnd('/') + "/", StringComparison.Ordinal);

    private static IEnumerable<(VIServer Peer, string Target)> SimulatedPeers(VIServer server, string key)
    {
        var peers = server.Session?.Connections.Servers ?? Array.Empty<VIServer>();
        foreach (var peer in peers.Where(p => !ReferenceEquals(p, server) && p.Simulated && p.IsConnected))
        {
            var target = peer.Invoke(n => n.ListStoragePools()
                .Select(r => XDocument.Parse(r.Xml).Root!)
                .Where(p => KeyOf(p) == key)
                .Select(p => p.Element("target")?.Element("path")?.Value)
                .FirstOrDefault(t => t is not null));
            if (target is not null)
            {
                yield return (peer, target);
            }
        }
    }
}
