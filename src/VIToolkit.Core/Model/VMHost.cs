using System;
using VIToolkit.Core.Connections;

namespace VIToolkit.Core.Model;

/// <summary>A host (PowerCLI's VMHost) as it was when read.</summary>
public sealed class VMHost
{
    internal VMHost(VIServer server, HostConnectionState state, double? memoryUsageGB, int? vmCount, int? poweredOnVMCount, bool memoryUsageEstimated = false)
    {
        MemoryUsageEstimated = memoryUsageEstimated;
        var facts = server.Facts;
        Server = server;
        Name = server.Name;
        ConnectionState = state;
        PowerState = state is HostConnectionState.Connected or HostConnectionState.Maintenance or HostConnectionState.EnteringMaintenance
            ? HostPowerState.PoweredOn : HostPowerState.Unknown;
        Manufacturer = facts.Manufacturer;
        Model = facts.Model;
        ProcessorType = facts.ProcessorType;
        CpuVendor = facts.CpuVendor;
        Architecture = facts.Architecture;
        NumCpu = facts.NumCpu;
        CpuMhz = facts.CpuMhz;
        CpuTotalMhz = facts.NumCpu * facts.CpuMhz;
        MemoryTotalGB = Math.Round(facts.MemoryTotalBytes / Units.GiB, 3);
        MemoryUsageGB = memoryUsageGB;
        HypervisorType = facts.HypervisorType;
        Version = facts.Version;
        LibvirtVersion = facts.LibraryVersion;
        Uri = server.Uri;
        Id = facts.Id;
        Uuid = facts.Uuid;
        Simulated = server.Simulated;
        VMCount = vmCount;
        PoweredOnVMCount = poweredOnVMCount;
    }

    public string Name { get; }
    public HostConnectionState ConnectionState { get; }
    public HostPowerState PowerState { get; }
    public string? Manufacturer { get; }
    /// <summary>The system model from SMBIOS where the host reports it, else the processor type.</summary>
    public string? Model { get; }
    public string ProcessorType { get; }
    public string? CpuVendor { get; }
    public string Architecture { get; }
    /// <summary>Logical CPUs.</summary>
    public int NumCpu { get; }
    public int CpuMhz { get; }
    public int CpuTotalMhz { get; }
    public double MemoryTotalGB { get; }
    /// <summary>Host memory in use (total minus free) where the host reports free memory, else the memory of its powered-on VMs; null when the host does not answer.</summary>
    public double? MemoryUsageGB { get; }
    /// <summary>True when <see cref="MemoryUsageGB"/> is the sum of the running VMs' memory because the host cannot report its free memory (the test driver): an estimate, used as such by placement.</summary>
    public bool MemoryUsageEstimated { get; }
    public string HypervisorType { get; }
    public string Version { get; }
    public string LibvirtVersion { get; }
    public string Uri { get; }
    public string Id { get; }
    /// <summary>The UUID the hypervisor reports; null where it reports none (the test driver).</summary>
    public Guid? Uuid { get; }
    public bool Simulated { get; }
    public int? VMCount { get; }
    public int? PoweredOnVMCount { get; }
    public VIServer Server { get; }

    public override string ToString() => Name;
}
