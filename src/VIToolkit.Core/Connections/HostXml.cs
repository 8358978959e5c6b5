using System;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;

namespace VIToolkit.Core.Connections;

/// <summary>The parts of <c>virConnectGetCapabilities</c> we use.</summary>
internal sealed record CapabilitiesInfo(Guid? Uuid, string Architecture, string? CpuVendor, string? CpuModel)
{
    internal static CapabilitiesInfo Parse(string xml)
    {
        var host = XDocument.Parse(xml).Root?.Element("host");
        var cpu = host?.Element("cpu");
        Guid? uuid = Guid.TryParse(host?.Element("uuid")?.Value, out var parsed) && parsed != Guid.Empty ? parsed : null;
        return new CapabilitiesInfo(uuid, cpu?.Element("arch")?.Value ?? "unknown", cpu?.Element("vendor")?.Value, cpu?.Element("model")?.Value);
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
