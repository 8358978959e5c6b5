using System;
using System.Linq;
using System.Xml.Linq;
using VIToolkit.Core.Provisioning;
using Xunit;

namespace VIToolkit.Core.Tests;

public sealed class DomainXmlBuilderTests
{
    private static VMSpec Spec(string name = "app01", string? notes = null, long memory = 2048, int cpus = 2, int disk = 0, string? datastore = null) =>
        new() { Name = name, Notes = notes, MemoryMB = memory, NumCpu = cpus, DiskGB = disk, Datastore = datastore, NetworkNames = new[] { "Priv172.17", "VM Network" } };

    [Fact]
    public void Builds_a_complete_definition()
    {
        var uuid = Guid.NewGuid();
        var domain = XElement.Parse(DomainXmlBuilder.Build(Spec(notes: "billing"), uuid, "kvm", "x86_64", "hvm", "/pool/app01.qcow2"));
        Assert.Equal("kvm", (string?)domain.Attribute("type"));
        Assert.Equal("app01", domain.Element("name")!.Value);
        Assert.Equal(uuid, Guid.Parse(domain.Element("uuid")!.Value));
        Assert.Equal("2048", domain.Element("memory")!.Value);
        Assert.Equal("MiB", (string?)domain.Element("memory")!.Attribute("unit"));
        Assert.Equal("2", domain.Element("vcpu")!.Value);
        Assert.Equal("billing", domain.Element("description")!.Value);
        Assert.Equal("x86_64", (string?)domain.Element("os")!.Element("type")!.Attribute("arch"));
        var devices = domain.Element("devices")!;
        Assert.Equal("/pool/app01.qcow2", (string?)devices.Element("disk")!.Element("source")!.Attribute("file"));
        Assert.Equal(new[] { "Priv172.17", "VM Network" }, devices.Elements("interface").Select(i => (string?)i.Element("source")!.Attribute("network")));
        Assert.Equal("vnc", (string?)devices.Element("graphics")!.Attribute("type"));
    }

    [Theory]
    [InlineData("x</name><memory>1</memory><name>y")]
    [InlineData("<!-- & ' \" ]]> -->")]
    [InlineData("ümlaut 名前 $(rm -rf /) `whoami`")]
    public void Names_and_notes_cannot_inject_xml(string hostile)
    {
        string xml = DomainXmlBuilder.Build(Spec(name: "vm-" + hostile.Replace("/", "_"), notes: hostile + "</description><vcpu>64</vcpu>"),
            Guid.NewGuid(), "test", "i686", "hvm", null);
        var domain = XElement.Parse(xml);
        Assert.Single(domain.Elements("name"));
        Assert.Single(domain.Elements("vcpu"));
        Assert.Equal("2", domain.Element("vcpu")!.Value);
        Assert.Equal("vm-" + hostile.Replace("/", "_"), domain.Element("name")!.Value);
        Assert.Equal(hostile + "</description><vcpu>64</vcpu>", domain.Element("description")!.Value);
    }

    [Theory]
    [InlineData("", "InvalidVMName")]
    [InlineData(" lead", "InvalidVMName")]
    [InlineData("a/b", "InvalidVMName")]
    [InlineData("tab\there", "InvalidVMName")]
    [InlineData("nul\0here", "InvalidVMName")]
    public void Bad_names_are_refused(string name, string errorId)
    {
        var error = Assert.Throws<InvalidInputException>(() => DomainXmlBuilder.Validate(Spec(name: name), 32, 262144));
        Assert.Equal(errorId, error.ErrorId);
    }

    [Fact]
    public void Long_names_are_refused() =>
        Assert.Equal("InvalidVMName", Assert.Throws<InvalidInputException>(() => DomainXmlBuilder.ValidateName(new string('a', 201))).ErrorId);

    [Theory]
    [InlineData(0, 1, 0, null, "InvalidMemorySize")]
    [InlineData(-5, 1, 0, null, "InvalidMemorySize")]
    [InlineData(300000, 1, 0, null, "InvalidMemorySize")]
    [InlineData(1024, 0, 0, null, "InvalidNumCpu")]
    [InlineData(1024, 33, 0, null, "InvalidNumCpu")]
    [InlineData(1024, 1, -1, "san01", "InvalidDiskSize")]
    [InlineData(1024, 1, 10, null, "DatastoreRequired")]
    public void Impossible_sizes_are_refused(long memory, int cpus, int disk, string? datastore, string errorId)
    {
        var error = Assert.Throws<InvalidInputException>(() =>
            DomainXmlBuilder.Validate(Spec(memory: memory, cpus: cpus, disk: disk, datastore: datastore), hostCpus: 32, hostMemoryMB: 262144));
        Assert.Equal(errorId, error.ErrorId);
    }

    [Fact]
    public void A_good_spec_passes() => DomainXmlBuilder.Validate(Spec(disk: 20, datastore: "san01"), 32, 262144);

    [Theory]
    [InlineData("not xml")]
    [InlineData("<vm type='kvm'><name>x</name></vm>")]
    [InlineData("<domain><name>x</name></domain>")]
    [InlineData("<domain type='kvm'></domain>")]
    [InlineData("<domain type='kvm'><name>x</name><uuid>nope</uuid></domain>")]
    [InlineData("<!DOCTYPE d [<!ENTITY a 'aaaa'><!ENTITY b '&a;&a;&a;&a;'>]><domain type='kvm'><name>&b;</name></domain>")]
    public void Custom_xml_is_checked_before_libvirt_sees_it(string xml)
    {
        var error = Assert.Throws<InvalidInputException>(() => DomainXmlBuilder.ValidateCustomXml(xml));
        // A missing name is reported as an invalid VM name; everything else as invalid domain XML.
        Assert.Contains(error.ErrorId, new[] { "InvalidDomainXml", "InvalidVMName" });
        if (!xml.Contains("<domain type='kvm'></domain>", StringComparison.Ordinal))
        {
            Assert.Equal("InvalidDomainXml", error.ErrorId);
        }
    }

    [Fact]
    public void Custom_xml_gives_its_name() =>
        Assert.Equal("custom01", DomainXmlBuilder.ValidateCustomXml("<domain type='test'><name>custom01</name><memory>1024</memory></domain>"));

    [Fact]
    public void Disk_paths_and_networks_are_read_back()
    {
        string xml = DomainXmlBuilder.Build(Spec(), Guid.NewGuid(), "kvm", "x86_64", "hvm", "/pool/a.qcow2");
        Assert.Equal(new[] { "/pool/a.qcow2" }, DomainXmlBuilder.DiskPaths(xml));
        Assert.Equal(new[] { "Priv172.17", "VM Network" }, DomainXmlBuilder.NetworkNames(xml));
    }

    [Fact]
    public void Interfaces_on_a_network_are_given_one_by_one_with_the_new_network()
    {
        string xml = "<domain><devices>"
            + "<interface type='network'><mac address='52:54:00:00:00:01'/><source network='old'/></interface>"
            + "<interface type='network'><source network='other'/></interface>"
            + "<interface type='bridge'><source bridge='old'/></interface>"
            + "<interface type='network'><mac address='52:54:00:00:00:02'/><source network='old'/></interface>"
            + "</devices></domain>";
        var moved = DomainXmlBuilder.InterfacesMovedToNetwork(xml, "old", "new").Select(XElement.Parse).ToList();
        Assert.Equal(2, moved.Count);
        Assert.All(moved, i => Assert.Equal("new", (string?)i.Element("source")!.Attribute("network")));
        Assert.Equal(new[] { "52:54:00:00:00:01", "52:54:00:00:00:02" }, moved.Select(i => (string?)i.Element("mac")!.Attribute("address")));
        Assert.Empty(DomainXmlBuilder.InterfacesMovedToNetwork(xml, "nosuch", "new"));
    }

    [Fact]
    public void Volume_definition_is_qcow2_of_the_given_size()
    {
        var volume = XElement.Parse(DomainXmlBuilder.BuildVolume("a<b>.qcow2", 20));
        Assert.Equal("a<b>.qcow2", volume.Element("name")!.Value);
        Assert.Equal("20", volume.Element("capacity")!.Value);
        Assert.Equal("GiB", (string?)volume.Element("capacity")!.Attribute("unit"));
        Assert.Equal("qcow2", (string?)volume.Element("target")!.Element("format")!.Attribute("type"));
    }
}
