using System;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;

namespace VIToolkit.Core.Connections;

/// <summary>The parts of <c>virConnectGetCapabilities</c> we use.</summary>
/// <param name="GuestDomainType">The best domain type this host runs guests with: kvm, else qemu, else what it offers (test).</param>
/// <param name="GuestArchitecture">The guest architecture that goes with it (the host's when it offers that).</param>
internal sealed record CapabilitiesInfo(Guid? Uuid, string Architecture, string? CpuVendor, string? CpuModel,
    string GuestDomainType, string GuestArchitecture, string GuestOsType)
{
    internal static CapabilitiesInfo Parse(string xml)
    {
        var root = XDocument.Parse(xml).Root;
        var host = root?.Element("host");
        var cpu = host?.Element("cpu");
        Guid? uuid = Guid.TryParse(host?.Element("uuid")?.Value, out var parsed) && parsed != Guid.Empty ? parsed : null;
        string arch = cpu?.Element("arch")?.Value ?? "unknown";

        var guests = (root?.Elements("guest") ?? Enumerable.Empty<XElement>())
            .Select(g => (Os: g.Element("os_type")?.Value ?? "hvm", Arch: (string?)g.Element("arch")?.Attribute("name") ?? arch,
                Types: g.Element("arch")?.Elements("domain").Select(d => (string?)d.Attribute("type") ?? string.Empty).ToList() ?? new()))
            .OrderBy(g => g.Arch == arch ? 0 : g.Arch == "x86_64" ? 1 : 2)
            .ToList();
        string? Pick(string type) => guests.FirstOrDefault(g => g.Types.Contains(type)).Arch;
        (string type, string? guestArch) = Pick("kvm") is { } k ? ("kvm", k) : Pick("qemu") is { } q ? ("qemu", q)
            : guests.Count > 0 && guests[0].Types.Count > 0 ? (guests[0].Types[0], guests[0].Arch) : ("kvm", arch);
        string os = guests.FirstOrDefault(g => g.Arch == guestArch).Os ?? "hvm";
        return new CapabilitiesInfo(uuid, arch, cpu?.Element("vendor")?.Value, cpu?.Element("model")?.Value, type, guestArch ?? arch, os);
    }
}

/// <summary>The system manufacturer and product from SMBIOS (<c>virConnectGetSysinfo</c>), where the host has them.</summary>
internal sealed record SysinfoInfo(string? Manufacturer, string? Product)
{
    internal static SysinfoInfo Parse(string? xml)
    {
        if (string.IsNullOrEmpty(xml))
        {
            return new SysinfoInfo(null, null);
        }
        try
        {
            var system = XDocument.Parse(xml).Root?.Element("system")?.Elements("entry").ToList();
            string? Entry(string name) => system?.FirstOrDefault(e => (string?)e.Attribute("name") == name)?.Value.Trim() is { Length: > 0 } v ? v : null;
            return new SysinfoInfo(Entry("manufacturer"), Entry("product"));
        }
        catch (System.Xml.XmlException)
        {
            return new SysinfoInfo(null, null);
        }
    }
}

/// <summary>RFC 4122 version-5 style GUIDs: the same text always gives the same GUID.</summary>
internal static class NameBasedGuid
{
    internal static Guid Create(string text)
    {
        byte[] hash = SHA1.HashData(Encoding.UTF8.GetBytes("vitoolkit:" + text));
        byte[] bytes = hash.AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
