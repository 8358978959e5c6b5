using System.Linq;
using System.Xml.Linq;
using VIToolkit.Core.Interop;

namespace VIToolkit.Core.Compatibility;

/// <summary>Turns the host-model CPU of domain capabilities into a guest CPU definition.</summary>
internal static class CpuXml
{
    /// <summary>
    /// The host-model CPU of the host as a guest CPU definition, or null where the driver cannot tell (the test driver).
    /// An extension of the connection so that the checks read as before; the XML is ours, the call is Interop's.
    /// </summary>
    internal static string? TryGetHostModelCpu(this NativeConnection native, string arch, string virtType) =>
        native.TryGetDomainCapabilities(arch, virtType) is string capabilities ? HostModelAsGuestCpu(capabilities) : null;

    internal static string? HostModelAsGuestCpu(string domainCapabilities)
    {
        var mode = XDocument.Parse(domainCapabilities).Root?.Element("cpu")?.Elements("mode")
            .FirstOrDefault(m => (string?)m.Attribute("name") == "host-model" && (string?)m.Attribute("supported") == "yes");
        var model = mode?.Element("model")?.Value;
        if (mode is null || string.IsNullOrEmpty(model))
        {
            return null;
        }
        var cpu = new XElement("cpu", new XAttribute("mode", "custom"), new XAttribute("match", "exact"),
            new XElement("model", new XAttribute("fallback", "forbid"), model));
        if (mode.Element("vendor")?.Value is { Length: > 0 } vendor)
        {
            cpu.Add(new XElement("vendor", vendor));
        }
        foreach (var feature in mode.Elements("feature"))
        {
            cpu.Add(new XElement("feature",
                new XAttribute("policy", (string?)feature.Attribute("policy") ?? "require"),
                new XAttribute("name", (string?)feature.Attribute("name") ?? string.Empty)));
        }
        return cpu.ToString(SaveOptions.DisableFormatting);
    }
}

