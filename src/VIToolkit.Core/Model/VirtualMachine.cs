using System;
using VIToolkit.Core.Connections;

namespace VIToolkit.Core.Model;

/// <summary>A VM (a libvirt domain) as it was when read. Actions re-read it by <see cref="Uuid"/> before acting.</summary>
public sealed class VirtualMachine
{
    private readonly Lazy<VMHost> _host;

    internal VirtualMachine(in DomainRecord record, VIServer server, Lazy<VMHost> host)
    {
        Name = record.Name;
        Uuid = record.Uuid;
        Id = record.Uuid.ToString("D");
        DomainState = record.State;
        State = record.State.Describe();
        PowerState = record.State.ToPowerState(record.HasManagedSave);
        NumCpu = record.VirtualCpus;
        MemoryMB = (long)(record.MemoryKiB / 1024);
        MemoryGB = Math.Round(record.MemoryKiB / Units.MiB, 3);
        MaxMemoryMB = (long)(record.MaxMemoryKiB / 1024);
        Notes = record.Description;
        Persistent = record.Persistent;
        Server = server;
        VMHostName = server.Name;
        VMHostId = server.Id;
        _host = host;
    }

    public string Name { get; }
    public PowerState PowerState { get; }
    /// <summary>libvirt's own state word (Running, Paused, ShutOff, Crashed…), finer than <see cref="PowerState"/>.</summary>
    public string State { get; }
    /// <summary>libvirt's state as read, for Core's decisions (<see cref="DomainStateExtensions"/>); scripts see <see cref="State"/>.</summary>
    internal DomainState DomainState { get; }
    public int NumCpu { get; }
    /// <summary>The memory the VM has (libvirt's current memory); at most <see cref="MaxMemoryMB"/>.</summary>
    public long MemoryMB { get; }
    public double MemoryGB { get; }
    /// <summary>The most memory the VM can have without a power cycle (libvirt's maximum memory).</summary>
    public long MaxMemoryMB { get; }
    public string? Notes { get; }
    public bool Persistent { get; }
    /// <summary>The host this VM is on, read when first asked for.</summary>
    public VMHost VMHost => _host.Value;
    public string VMHostName { get; }
    public string VMHostId { get; }
    /// <summary>The domain UUID, as text.</summary>
    public string Id { get; }
    public Guid Uuid { get; }
    public VIServer Server { get; }
    /// <summary>How this VM got here, on the object Move-VM returns; null elsewhere.</summary>
    public MigrationInfo? Migration { get; internal init; }

    public override string ToString() => Name;
}
