using System;
using System.Linq;
using System.Runtime.InteropServices;

namespace VIToolkit.Core.Interop;

internal static unsafe partial class NativeMethods
{
    public const uint VIR_CONNECT_COMPARE_CPU_FAIL_INCOMPATIBLE = 1;

    [LibraryImport(Libraries.Libvirt, StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr virConnectGetDomainCapabilities(ConnectHandle conn, string? emulator, string? arch, string? machine, string? virttype, uint flags);

    [LibraryImport(Libraries.Libvirt, StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr virConnectBaselineHypervisorCPU(ConnectHandle conn, string? emulator, string? arch, string? machine, string? virttype,
        IntPtr* xmlCpus, uint count, uint flags);

    [LibraryImport(Libraries.Libvirt, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int virConnectCompareHypervisorCPU(ConnectHandle conn, string? emulator, string? arch, string? machine, string? virttype,
        string xmlCpu, uint flags);
}

internal sealed unsafe partial class NativeConnection
{
    /// <summary>The host-model CPU of this host as a guest CPU definition, or null where the driver cannot tell (the test driver).</summary>
    internal string? TryGetHostModelCpu(string arch, string virtType)
    {
        IntPtr xml = NativeMethods.virConnectGetDomainCapabilities(_handle, null, arch, null, virtType, 0);
        if (xml == IntPtr.Zero)
        {
            var error = Libvirt.Fail("virConnectGetDomainCapabilities");
            return error.Kind is ErrorKind.NotSupported or ErrorKind.InvalidArgument or ErrorKind.OperationFailed ? null : throw error;
        }
        return CpuXml.HostModelAsGuestCpu(Libvirt.TakeString(xml, "virConnectGetDomainCapabilities"));
    }

    /// <summary>The CPU all the given CPUs can run (libvirt's baseline, EVC's analogue).</summary>
    internal string BaselineCpu(string arch, string virtType, System.Collections.Generic.IReadOnlyList<string> cpus)
    {
        var pointers = new IntPtr[cpus.Count];
        try
        {
            for (int i = 0; i < cpus.Count; i++)
            {
                pointers[i] = Marshal.StringToCoTaskMemUTF8(cpus[i]);
            }
            fixed (IntPtr* array = pointers)
            {
                return Libvirt.TakeString(
                    NativeMethods.virConnectBaselineHypervisorCPU(_handle, null, arch, null, virtType, array, (uint)cpus.Count, 0),
                    "virConnectBaselineHypervisorCPU");
            }
        }
        finally
        {
            foreach (IntPtr pointer in pointers)
            {
                Marshal.FreeCoTaskMem(pointer);
            }
        }
    }

    /// <summary>
    /// Can this host run a guest with <paramref name="cpuXml"/>? Returns null when it can; otherwise libvirt's reason,
    /// which names the missing features ("Host CPU does not provide required features: avx512f").
    /// </summary>
    internal string? CompareCpu(string arch, string virtType, string cpuXml)
    {
        int result = NativeMethods.virConnectCompareHypervisorCPU(_handle, null, arch, null, virtType, cpuXml,
            NativeMethods.VIR_CONNECT_COMPARE_CPU_FAIL_INCOMPATIBLE);
        if (result >= 1)
        {
            return null;
        }
        if (result == 0)
        {
            return "The host CPU is not compatible.";
        }
        var error = Libvirt.Fail("virConnectCompareHypervisorCPU");
        return error.Kind == ErrorKind.Incompatible ? error.Message : throw error;
    }
}

/// <summary>Turns the host-model CPU of domain capabilities into a guest CPU definition.</summary>
internal static class CpuXml
{
    internal static string? HostModelAsGuestCpu(string domainCapabilities)
    {
        var mode = System.Xml.Linq.XDocument.Parse(domainCapabilities).Root?.Element("cpu")?.Elements("mode")
            .FirstOrDefault(m => (string?)m.Attribute("name") == "host-model" && (string?)m.Attribute("supported") == "yes");
        var model = mode?.Element("model")?.Value;
        if (mode is null || string.IsNullOrEmpty(model))
        {
            return null;
        }
        var cpu = new System.Xml.Linq.XElement("cpu", new System.Xml.Linq.XAttribute("mode", "custom"), new System.Xml.Linq.XAttribute("match", "exact"),
            new System.Xml.Linq.XElement("model", new System.Xml.Linq.XAttribute("fallback", "forbid"), model));
        if (mode.Element("vendor")?.Value is { Length: > 0 } vendor)
        {
            cpu.Add(new System.Xml.Linq.XElement("vendor", vendor));
        }
        foreach (var feature in mode.Elements("feature"))
        {
            cpu.Add(new System.Xml.Linq.XElement("feature",
                new System.Xml.Linq.XAttribute("policy", (string?)feature.Attribute("policy") ?? "require"),
                new System.Xml.Linq.XAttribute("name", (string?)feature.Attribute("name") ?? string.Empty)));
        }
        return cpu.ToString(System.Xml.Linq.SaveOptions.DisableFormatting);
    }
}
