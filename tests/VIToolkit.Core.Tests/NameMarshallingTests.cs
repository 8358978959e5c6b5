using System;
using System.IO;
using System.Linq;
using System.Threading;
using VIToolkit.Core.Connections;
using VIToolkit.Core.Services;
using Xunit;

namespace VIToolkit.Core.Tests;

/// <summary>Names travel to and from libvirt as UTF-8, metacharacters included.</summary>
public sealed class NameMarshallingTests : IClassFixture<LabFixture>
{
    private const string Weird = "ümlaut <&> 'vm' \"$(x)\" 名前";
    private readonly LabFixture _lab;

    public NameMarshallingTests(LabFixture lab) => _lab = lab;

    private VIServer OpenHostWithWeirdName(ConnectionManager manager)
    {
        string file = Path.Combine(_lab.Folder, "weird-" + Guid.NewGuid().ToString("N") + ".xml");
        var doc = System.Xml.Linq.XDocument.Load(_lab.Hosts[0].Path);
        var first = doc.Root!.Elements("domain").First();
        first.Element("name")!.Value = Weird;
        doc.Save(file);
        return manager.Connect("test://" + file, "weird", null, false, out _);
    }

    [Fact]
    public void Exact_lookup_and_listing_round_trip_non_ascii_and_metacharacters()
    {
        var manager = new VIToolkit.Core.Engine.VISession().Connections;
        var server = OpenHostWithWeirdName(manager);
        try
        {
            var exact = VMService.Query(new[] { server }, new[] { NamePattern.Create(Weird) }, null, CancellationToken.None);
            Assert.Equal(Weird, Assert.Single(exact.VMs).Name);

            var listed = VMService.Query(new[] { server }, new[] { NamePattern.Create("ÜMLAUT*") }, null, CancellationToken.None);
            Assert.Equal(Weird, Assert.Single(listed.VMs).Name);

            var all = VMService.Query(new[] { server }, null, null, CancellationToken.None);
            Assert.Contains(all.VMs, v => v.Name == Weird);
        }
        finally
        {
            manager.Disconnect(server);
        }
    }
}
