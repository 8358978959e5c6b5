using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Xml;
using System.Xml.Linq;

namespace VIToolkit.Core.Provisioning;

/// <summary>What a new VM is made of when it is built from parameters.</summary>
public sealed class VMSpec
{
    public required string Name { get; init; }

    public long MemoryMB { get; init; } = 1024;

    public int NumCpu { get; init; } = 1;

    /// <summary>libvirt networks, one NIC each, in order.</summary>
    public IReadOnlyList<string> NetworkNames { get; init; } = Array.Empty<string>();

    /// <summary>The datastore (storage pool) for the disk; required when <see cref="DiskGB"/> is set.</summary>
    public string? Datastore { get; init; }

    /// <summary>Size of the one disk, created as a qcow2 volume; 0 for a diskless VM.</summary>
    public int DiskGB { get; init; }

    public string? Notes { get; init; }
}

/// <summary>
/// Builds and checks domain XML. Every value goes through the XML object model, never through string concatenation,
/// so no name or note can inject XML.
/// </summary>
public static class DomainXmlBuilder
{
    /// <summary>Longest VM name we accept (libvirt has no hard limit; file systems and consoles do).</summary>
    public const int MaxNameLength = 200;

    /// <summary>Checks a spec against itself and against the host that will run it.</summary>
    public static void Validate(VMSpec spec, int hostCpus, double hostMemoryMB)
    {
        ValidateName(spec.Name);
        if (spec.MemoryMB <= 0)
        {
            throw new InvalidInputException("InvalidMemorySize", $"MemoryMB must be greater than 0 (got {spec.MemoryMB}).", spec.MemoryMB);
        }
        if (spec.MemoryMB > hostMemoryMB)
        {
            throw new InvalidInputException("InvalidMemorySize",
                $"MemoryMB {spec.MemoryMB} is more than the host has ({hostMemoryMB.ToString("N0", CultureInfo.InvariantCulture)} MB).", spec.MemoryMB);
        }
        if (spec.NumCpu < 1)
        {
            throw new InvalidInputException("InvalidNumCpu", $"NumCpu must be at least 1 (got {spec.NumCpu}).", spec.NumCpu);
        }
        if (spec.NumCpu > hostCpus)
        {
            throw new InvalidInputException("InvalidNumCpu", $"NumCpu {spec.NumCpu} is more than the host's {hostCpus} logical CPUs.", spec.NumCpu);
        }
        if (spec.DiskGB < 0)
        {
            throw new InvalidInputException("InvalidDiskSize", $"DiskGB must not be negative (got {spec.DiskGB}).", spec.DiskGB);
        }
        if (spec.DiskGB > 0 && string.IsNullOrWhiteSpace(spec.Datastore))
        {
            throw new InvalidInputException("DatastoreRequired", "A disk needs a datastore: give -Datastore with -DiskGB.", spec.DiskGB);
        }
        ValidateNotes(spec.Notes);
    }

    /// <summary>A VM's notes (its libvirt description), for New-VM and Set-VM alike: text that XML can carry.</summary>
    public static void ValidateNotes(string? notes)
    {
        if (notes is not null && !IsXmlText(notes))
        {
            throw new InvalidInputException("InvalidNotes", "Notes contain control characters that XML cannot carry.", null);
        }
    }

    /// <summary>A snapshot name: the same rules as a VM name (libvirt stores it as a file name too).</summary>
    public static void ValidateSnapshotName(string? name)
    {
        if (!IsValidName(name))
        {
            throw new InvalidInputException("InvalidSnapshotName",
                $"'{MessageText.Input(name)}' is not a valid snapshot name: use 1-{MaxNameLength} characters without '/', wildcard characters (* ? [ ]), control characters or leading/trailing spaces.", name);
        }
    }

    /// <summary>
    /// A VM name: 1-200 characters, no control characters, no '/' (it names the disk file), and no wildcard character
    /// (* ? [ ]): a VM named so could not be named exactly afterwards (-VM 'web*' is a pattern).
    /// </summary>
    private static bool IsValidName(string? name) =>
        !(string.IsNullOrWhiteSpace(name) || name.Length > MaxNameLength || name != name.Trim()
          || name.Any(c => char.IsControl(c) || c is '/' or '*' or '?' or '[' or ']') || !IsXmlText(name));

    public static void ValidateName(string? name)
    {
        if (!IsValidName(name))
        {
            throw new InvalidInputException("InvalidVMName",
                $"'{MessageText.Input(name)}' is not a valid VM name: use 1-{MaxNameLength} characters without '/', wildcard characters (* ? [ ]), control characters or leading/trailing spaces.", name);
        }
    }

    /// <summary>The domain definition for <paramref name="spec"/>.</summary>
    /// <param name="domainType">kvm, qemu or test (from the host's capabilities).</param>
    /// <param name="diskPath">The disk volume's path, or null for a diskless VM.</param>
    public static string Build(VMSpec spec, Guid uuid, string domainType, string architecture, string osType, string? diskPath)
    {
        var devices = new XElement("devices");
        if (diskPath is not null)
        {
            devices.Add(new XElement("disk", new XAttribute("type", "file"), new XAttribute("device", "disk"),
                new XElement("driver", new XAttribute("name", "qemu"), new XAttribute("type", "qcow2")),
                new XElement("source", new XAttribute("file", diskPath)),
                new XElement("target", new XAttribute("dev", "vda"), new XAttribute("bus", "virtio"))));
        }
        foreach (string network in spec.NetworkNames)
        {
            devices.Add(new XElement("interface", new XAttribute("type", "network"),
                new XElement("source", new XAttribute("network", network)),
                new XElement("model", new XAttribute("type", "virtio"))));
        }
        devices.Add(new XElement("graphics", new XAttribute("type", "vnc"), new XAttribute("port", "-1"),
            new XAttribute("autoport", "yes"), new XAttribute("listen", "127.0.0.1")));

        var domain = new XElement("domain", new XAttribute("type", domainType),
            new XElement("name", spec.Name),
            new XElement("uuid", uuid.ToString("D")),
            string.IsNullOrEmpty(spec.Notes) ? null : new XElement("description", spec.Notes),
            new XElement("memory", new XAttribute("unit", "MiB"), spec.MemoryMB),
            new XElement("currentMemory", new XAttribute("unit", "MiB"), spec.MemoryMB),
            new XElement("vcpu", new XAttribute("placement", "static"), spec.NumCpu),
            new XElement("os", new XElement("type", new XAttribute("arch", architecture), osType), new XElement("boot", new XAttribute("dev", "hd"))),
            new XElement("features", new XElement("acpi"), new XElement("apic")),
            new XElement("on_poweroff", "destroy"),
            new XElement("on_reboot", "restart"),
            new XElement("on_crash", "destroy"),
            devices);
        return domain.ToString(SaveOptions.DisableFormatting);
    }

    /// <summary>Parses untrusted XML: no DTDs, no entities, no external resources (domain XML never needs them).</summary>
    private static XElement LoadSafely(string xml)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        using var reader = XmlReader.Create(new System.IO.StringReader(xml ?? string.Empty), settings);
        return XElement.Load(reader);
    }

    /// <summary>The name a domain XML defines, or null when it is not safe, well-formed XML with a name.</summary>
    public static string? TryReadName(string xml)
    {
        try
        {
            return LoadSafely(xml).Element("name")?.Value;
        }
        catch (XmlException)
        {
            return null;
        }
    }

    /// <summary>Checks caller-supplied domain XML before libvirt sees it; returns the VM name it defines.</summary>
    public static string ValidateCustomXml(string xml)
    {
        XElement root;
        try
        {
            root = LoadSafely(xml);
        }
        catch (XmlException e)
        {
            throw new InvalidInputException("InvalidDomainXml", $"The domain XML is not well-formed: {e.Message}", null, e);
        }
        if (root.Name.LocalName != "domain" || root.Name.NamespaceName.Length != 0)
        {
            throw new InvalidInputException("InvalidDomainXml",
                $"The root element must be <domain> without a namespace, not <{root.Name.LocalName}>{(root.Name.NamespaceName.Length > 0 ? " in " + root.Name.NamespaceName : string.Empty)}.", null);
        }
        if (root.Attribute("type") is null)
        {
            throw new InvalidInputException("InvalidDomainXml", "The <domain> element needs a type attribute (kvm, qemu…).", null);
        }
        string? name = root.Element("name")?.Value;
        ValidateName(name);
        if (root.Element("uuid")?.Value is { } uuid && !Guid.TryParse(uuid, out _))
        {
            throw new InvalidInputException("InvalidDomainXml", $"'{MessageText.Input(uuid)}' in <uuid> is not a UUID.", uuid);
        }
        return name!;
    }

    /// <summary>The qcow2 volume definition for a VM's disk.</summary>
    public static string BuildVolume(string name, int sizeGB) =>
        new XElement("volume",
            new XElement("name", name),
            new XElement("capacity", new XAttribute("unit", "GiB"), sizeGB),
            new XElement("allocation", 0),
            new XElement("target", new XElement("format", new XAttribute("type", "qcow2")))).ToString(SaveOptions.DisableFormatting);

    /// <summary>The disk files a domain definition points at (what Remove-VM -DeletePermanently deletes).</summary>
    public static IReadOnlyList<string> DiskPaths(string domainXml) =>
        XDocument.Parse(domainXml).Root?.Element("devices")?.Elements("disk")
            .Where(d => (string?)d.Attribute("device") is null or "disk")
            .Select(d => (string?)d.Element("source")?.Attribute("file"))
            .Where(p => !string.IsNullOrEmpty(p))
            .Select(p => p!)
            .ToList() ?? new List<string>();

    /// <summary>The networks a domain's interfaces use.</summary>
    public static IReadOnlyList<string> NetworkNames(string domainXml) =>
        XDocument.Parse(domainXml).Root?.Element("devices")?.Elements("interface")
            .Where(i => (string?)i.Attribute("type") == "network")
            .Select(i => (string?)i.Element("source")?.Attribute("network"))
            .Where(n => !string.IsNullOrEmpty(n))
            .Select(n => n!)
            .ToList() ?? new List<string>();

    /// <summary>The domain XML with every interface on network <paramref name="oldName"/> moved to <paramref name="newName"/>; null when none uses it.</summary>
    public static string? RenameNetwork(string domainXml, string oldName, string newName)
    {
        var document = XDocument.Parse(domainXml);
        var sources = document.Root?.Element("devices")?.Elements("interface")
            .Where(i => (string?)i.Attribute("type") == "network")
            .Select(i => i.Element("source"))
            .Where(s => s is not null && (string?)s.Attribute("network") == oldName)
            .Select(s => s!)
            .ToList();
        if (sources is not { Count: > 0 })
        {
            return null;
        }
        foreach (var source in sources)
        {
            source.SetAttributeValue("network", newName);
        }
        return document.ToString(SaveOptions.DisableFormatting);
    }

    /// <summary>
    /// Each interface of the domain on network <paramref name="oldName"/>, as its own <c>&lt;interface&gt;</c> XML with
    /// the source moved to <paramref name="newName"/>: what virDomainUpdateDeviceFlags takes to re-point a running VM's NIC.
    /// </summary>
    internal static IReadOnlyList<string> InterfacesMovedToNetwork(string domainXml, string oldName, string newName)
    {
        var interfaces = XDocument.Parse(domainXml).Root?.Element("devices")?.Elements("interface")
            .Where(i => (string?)i.Attribute("type") == "network" && (string?)i.Element("source")?.Attribute("network") == oldName).ToList();
        var moved = new List<string>();
        foreach (var element in interfaces ?? new())
        {
            element.Element("source")!.SetAttributeValue("network", newName);
            moved.Add(element.ToString(SaveOptions.DisableFormatting));
        }
        return moved;
    }

    private static bool IsXmlText(string text)
    {
        try
        {
            XmlConvert.VerifyXmlChars(text);
            return true;
        }
        catch (XmlException)
        {
            return false;
        }
    }
}
