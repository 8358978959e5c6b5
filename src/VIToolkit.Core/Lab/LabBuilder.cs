using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using VIToolkit.Core.Connections;

namespace VIToolkit.Core.Lab;

/// <summary>What a simulated estate looks like.</summary>
public sealed class LabSpec
{
    public int HostCount { get; init; } = 4;

    public int VMsPerHost { get; init; } = 25;

    /// <summary>Folder for the host files; created when missing.</summary>
    public required string Path { get; init; }

    /// <summary>Host name prefix: esx01, esx02…</summary>
    public string HostPrefix { get; init; } = "esx";

    /// <summary>CPU model per host, cycled over the hosts (libvirt keeps at most 31 characters).</summary>
    public IReadOnlyList<string> CpuModels { get; init; } = new[] { "Intel Xeon Gold 6130" };

    public int CpusPerHost { get; init; } = 32;

    public int MemoryGBPerHost { get; init; } = 256;

    /// <summary>Networks every host gets, by name and IPv4 subnet (prefix length 16 or 24).</summary>
    public IReadOnlyList<(string Name, string Subnet)> Networks { get; init; } = new[]
    {
        ("VM Network", "192.168.122.0/24"),
        ("Priv172.17", "172.17.0.0/16"),
        ("vMotion", "10.10.10.0/24"),
    };

    /// <summary>Name of the NFS datastore every host mounts from the same export.</summary>
    public string SharedDatastore { get; init; } = "san01";

    /// <summary>Extra networks per host beyond <see cref="Networks"/> (net04, net05… on 10.20.N.0/24).</summary>
    public int ExtraNetworks { get; init; }

    /// <summary>Extra shared NFS datastores per host beyond <see cref="SharedDatastore"/> (san02, san03…).</summary>
    public int ExtraDatastores { get; init; }

    /// <summary>Per host, networks to give another name: the seed's misconfiguration (esx04: Priv172.17 → Private_172.17).</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> NetworkRenames { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, string>>();

    /// <summary>Every VM in this state; null for the usual mix (7 in 10 powered on, 2 off, 1 suspended).</summary>
    public Model.PowerState? PowerState { get; init; }

    /// <summary>Seed for names, sizes and UUIDs, so the same spec always builds the same estate.</summary>
    public int Seed { get; init; } = 1;
}

/// <summary>A host file the lab wrote.</summary>
/// <param name="Name">The host's name (the file name without extension).</param>
/// <param name="Uri">The test-driver URI that opens it.</param>
public sealed record LabHost(string Name, string Path, string Uri);

/// <summary>
/// Writes a simulated estate as libvirt test-driver host files (<c>test:///path/esx01.xml</c>): per host a CPU, memory,
/// the spec's networks, the shared NFS datastore plus a local one, and VMs in a mix of states. Every connection to
/// such a file gets its own private copy of the host, which lives as long as the connection.
/// </summary>
public static class LabBuilder
{
    private static readonly XNamespace s_test = "http://libvirt.org/schemas/domain/test/1.0";
    private static readonly string[] s_roles = { "web", "app", "db", "file", "mail", "dns", "cache", "build" };

    public static IReadOnlyList<LabHost> Build(LabSpec spec)
    {
        Validate(spec);
        string folder = System.IO.Path.GetFullPath(spec.Path);
        Directory.CreateDirectory(folder);
        var random = new Random(spec.Seed);
        var roleCounters = new int[s_roles.Length];
        int width = Math.Max(2, (spec.HostCount * spec.VMsPerHost / s_roles.Length + 1).ToString(CultureInfo.InvariantCulture).Length);
        var hosts = new List<LabHost>(spec.HostCount);
        int vmIndex = 0;
        for (int h = 1; h <= spec.HostCount; h++)
        {
            string name = HostName(spec)(h);
            var node = new XElement("node",
                CpuElement(spec, h),
                new XElement("memory", (ulong)spec.MemoryGBPerHost * 1024 * 1024));
            var networks = spec.Networks.Concat(Enumerable.Range(0, spec.ExtraNetworks)
                .Select(i => ($"net{spec.Networks.Count + i + 1:D2}", $"10.20.{i}.0/24"))).ToList();
            spec.NetworkRenames.TryGetValue(name, out var renames);
            for (int n = 0; n < networks.Count; n++)
            {
                string networkName = renames is not null && renames.TryGetValue(networks[n].Item1, out string? renamed) ? renamed : networks[n].Item1;
                node.Add(NetworkElement(networkName, networks[n].Item2, n, Guid(random)));
            }
            for (int d = 0; d < spec.ExtraDatastores; d++)
            {
                string extra = $"san{d + 2:D2}";
                node.Add(PoolElement(extra, "netfs", Guid(random),
                    new XElement("source", new XElement("host", new XAttribute("name", "nas01.lab.local")),
                        new XElement("dir", new XAttribute("path", "/export/" + extra)),
                        new XElement("format", new XAttribute("type", "nfs"))),
                    "/var/lib/libvirt/" + extra));
            }
            var shared = PoolElement(spec.SharedDatastore, "netfs", Guid(random),
                new XElement("source", new XElement("host", new XAttribute("name", "nas01.lab.local")),
                    new XElement("dir", new XAttribute("path", "/export/" + spec.SharedDatastore)),
                    new XElement("format", new XAttribute("type", "nfs"))),
                "/var/lib/libvirt/" + spec.SharedDatastore);
            var local = PoolElement("local-" + name, "dir", Guid(random), null, "/var/lib/libvirt/images");
            for (int v = 0; v < spec.VMsPerHost; v++, vmIndex++)
            {
                int role = vmIndex % s_roles.Length;
                string vmName = s_roles[role] + (++roleCounters[role]).ToString("D" + width, CultureInfo.InvariantCulture);
                node.Add(DomainElement(spec, vmName, role, v, Guid(random), random, renames));
                shared.Add(VolumeElement(vmName, spec.SharedDatastore));
            }
            node.Add(shared, local);

            var host = Hosts(spec)[h - 1];
            new XDocument(new XComment(" VIToolkit simulated host (libvirt test driver); generated by New-VILab "), node).Save(host.Path);
            hosts.Add(host);
        }
        return hosts;
    }

    /// <summary>Refuses a spec the lab cannot build (sizes, CPU models, path, network renames), before anything is written.</summary>
    public static void Validate(LabSpec spec)
    {
        if (spec.HostCount is < 1 or > 256)
        {
            throw new InvalidInputException("InvalidLabSize", "HostCount must be between 1 and 256.", spec.HostCount);
        }
        if (spec.VMsPerHost is < 0 or > 5000)
        {
            throw new InvalidInputException("InvalidLabSize", "VMsPerHost must be between 0 and 5000.", spec.VMsPerHost);
        }
        if (spec.CpuModels.Count == 0 || spec.CpuModels.Any(m => string.IsNullOrWhiteSpace(m) || m.Length > 31 || m.Any(char.IsControl)))
        {
            throw new InvalidInputException("InvalidCpuModel", "Each CPU model must be 1 to 31 characters (libvirt's limit), without control characters.", spec.CpuModels);
        }
        if (spec.ExtraNetworks is < 0 or > 200 || spec.ExtraDatastores is < 0 or > 100)
        {
            throw new InvalidInputException("InvalidLabSize", "ExtraNetworks must be 0-200 and ExtraDatastores 0-100.", null);
        }
        if (string.IsNullOrWhiteSpace(spec.Path) || spec.Path.Any(char.IsControl))
        {
            throw new InvalidInputException("InvalidLabPath", "The lab needs a folder for its host files (a path without control characters).", null);
        }
        var hostNames = Enumerable.Range(1, spec.HostCount).Select(HostName(spec)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var networkNames = NetworkNames(spec).ToHashSet(StringComparer.Ordinal);
        foreach (var (host, renames) in spec.NetworkRenames)
        {
            if (!hostNames.Contains(host))
            {
                throw new InvalidInputException("InvalidNetworkRename",
                    $"NetworkRename names host '{Shown(host)}', which the lab does not have (it has {spec.HostPrefix}01 to {HostName(spec)(spec.HostCount)}).", null);
            }
            foreach (var (network, newName) in renames)
            {
                if (!networkNames.Contains(network))
                {
                    throw new InvalidInputException("InvalidNetworkRename",
                        $"NetworkRename renames network '{Shown(network)}' on '{host}', which lab hosts do not have (they have {string.Join(", ", networkNames.Select(n => "'" + n + "'"))}).", null);
                }
                Services.NetworkService.ValidateName(newName);
            }
        }
    }

    /// <summary>The hosts <see cref="Build"/> writes for <paramref name="spec"/>: names and URIs, before anything is written.</summary>
    public static IReadOnlyList<LabHost> Hosts(LabSpec spec)
    {
        string folder = System.IO.Path.GetFullPath(spec.Path);
        return Enumerable.Range(1, spec.HostCount).Select(HostName(spec))
            .Select(name => new LabHost(name, System.IO.Path.Combine(folder, name + ".xml"), "test://" + System.IO.Path.Combine(folder, name + ".xml")))
            .ToList();
    }

    private static Func<int, string> HostName(LabSpec spec) => h => spec.HostPrefix + h.ToString("D2", CultureInfo.InvariantCulture);

    private static IEnumerable<string> NetworkNames(LabSpec spec) =>
        spec.Networks.Select(n => n.Name).Concat(Enumerable.Range(0, spec.ExtraNetworks).Select(i => $"net{spec.Networks.Count + i + 1:D2}"));

    private static string Shown(string value) => MessageText.Input(value);

    private static XElement CpuElement(LabSpec spec, int hostNumber)
    {
        int sockets = spec.CpusPerHost >= 8 ? 2 : 1;
        int threads = spec.CpusPerHost >= 4 ? 2 : 1;
        int cores = Math.Max(1, spec.CpusPerHost / sockets / threads);
        return new XElement("cpu",
            new XElement("mhz", 2600),
            new XElement("model", spec.CpuModels[(hostNumber - 1) % spec.CpuModels.Count]),
            new XElement("active", sockets * cores * threads),
            new XElement("nodes", 1),
            new XElement("sockets", sockets),
            new XElement("cores", cores),
            new XElement("threads", threads));
    }

    private static XElement NetworkElement(string name, string subnet, int index, Guid uuid)
    {
        string[] parts = subnet.Split('/');
        var address = System.Net.IPAddress.Parse(parts[0]).GetAddressBytes();
        address[3] = 1;
        var network = new XElement("network",
            new XElement("name", name),
            new XElement("uuid", uuid),
            new XElement("bridge", new XAttribute("name", "virbr" + index.ToString(CultureInfo.InvariantCulture))));
        if (index == 0)
        {
            network.Add(new XElement("forward", new XAttribute("mode", "nat")));
        }
        network.Add(new XElement("ip",
            new XAttribute("address", new System.Net.IPAddress(address).ToString()),
            new XAttribute("prefix", parts.Length > 1 ? parts[1] : "24")));
        return network;
    }

    // The test driver sizes every pool itself (100 GiB); sizes given here would be ignored.
    private static XElement PoolElement(string name, string type, Guid uuid, XElement? source, string target)
    {
        return new XElement("pool", new XAttribute("type", type),
            new XElement("name", name),
            new XElement("uuid", uuid),
            source ?? new XElement("source"),
            new XElement("target", new XElement("path", target)));
    }

    private static XElement VolumeElement(string vmName, string pool) =>
        new("volume",
            new XElement("name", vmName + ".qcow2"),
            new XElement("key", $"/var/lib/libvirt/{pool}/{vmName}.qcow2"),
            new XElement("capacity", 20UL * 1024 * 1024 * 1024),
            new XElement("allocation", 2UL * 1024 * 1024 * 1024),
            new XElement("target", new XElement("path", $"/var/lib/libvirt/{pool}/{vmName}.qcow2")));

    private static XElement DomainElement(LabSpec spec, string name, int role, int indexOnHost, Guid uuid, Random random,
        IReadOnlyDictionary<string, string>? networkRenames)
    {
        int[] memoryChoices = { 1024, 2048, 4096, 8192 };
        int memoryMB = memoryChoices[random.Next(memoryChoices.Length)];
        int cpus = 1 << random.Next(3);
        // Mostly running, some shut off, a few paused: 7 / 2 / 1 in ten.
        var runstate = spec.PowerState switch
        {
            Model.PowerState.PoweredOn => Model.DomainState.Running,
            Model.PowerState.PoweredOff => Model.DomainState.ShutOff,
            Model.PowerState.Suspended => Model.DomainState.Paused,
            _ => (indexOnHost % 10) switch { 3 => Model.DomainState.Paused, 5 or 8 => Model.DomainState.ShutOff, _ => Model.DomainState.Running },
        };
        string network = spec.Networks[Math.Min(spec.Networks.Count - 1, role % 2 == 0 ? 0 : 1)].Name;
        if (networkRenames is not null && networkRenames.TryGetValue(network, out string? renamed))
        {
            network = renamed;
        }
        var domain = new XElement("domain", new XAttribute("type", "test"), new XAttribute(XNamespace.Xmlns + "test", s_test),
            new XElement("name", name),
            new XElement("uuid", uuid),
            new XElement("description", $"{s_roles[role]} server (simulated)"),
            new XElement("memory", new XAttribute("unit", "MiB"), memoryMB),
            new XElement("currentMemory", new XAttribute("unit", "MiB"), memoryMB),
            new XElement("vcpu", cpus),
            new XElement("os", new XElement("type", "hvm")),
            new XElement("devices",
                new XElement("disk", new XAttribute("type", "file"), new XAttribute("device", "disk"),
                    new XElement("source", new XAttribute("file", $"/var/lib/libvirt/{spec.SharedDatastore}/{name}.qcow2")),
                    new XElement("target", new XAttribute("dev", "vda"), new XAttribute("bus", "virtio"))),
                new XElement("interface", new XAttribute("type", "network"),
                    new XElement("source", new XAttribute("network", network)))));
        if (runstate != Model.DomainState.Running)
        {
            domain.Add(new XElement(s_test + "runstate", (int)runstate)); // the test driver's runstate is the virDomainState number
        }
        return domain;
    }

    private static Guid Guid(Random random)
    {
        byte[] bytes = new byte[16];
        random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }
}
