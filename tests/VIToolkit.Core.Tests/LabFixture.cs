using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using VIToolkit.Core.Connections;
using VIToolkit.Core.Lab;

namespace VIToolkit.Core.Tests;

/// <summary>A small simulated estate on the real libvirt test driver, shared by the tests of one class.</summary>
public sealed class LabFixture : IDisposable
{
    public LabFixture()
    {
        Folder = Path.Combine(Path.GetTempPath(), "vitoolkit-xunit-" + Guid.NewGuid().ToString("N"));
        Hosts = LabBuilder.Build(new LabSpec { Path = Folder, HostCount = 3, VMsPerHost = 10, CpuModels = new[] { "Xeon A", "Xeon B" } });
        Servers = Hosts.Select(h => Manager.Connect(h.Uri, null, null, false, out _)).ToList();
    }

    public ConnectionManager Manager { get; } = new VIToolkit.Core.Engine.VISession().Connections;

    public string Folder { get; }

    public IReadOnlyList<LabHost> Hosts { get; }

    public IReadOnlyList<VIServer> Servers { get; }

    public void Dispose()
    {
        foreach (var server in Manager.Servers)
        {
            Manager.Disconnect(server);
        }
        Directory.Delete(Folder, recursive: true);
    }
}
