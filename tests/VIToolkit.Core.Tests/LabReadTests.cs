using System;
using System.Linq;
using System.Threading;
using VIToolkit.Core.Connections;
using VIToolkit.Core.Model;
using VIToolkit.Core.Services;
using Xunit;

namespace VIToolkit.Core.Tests;

public sealed class LabReadTests : IClassFixture<LabFixture>
{
    private readonly LabFixture _lab;

    public LabReadTests(LabFixture lab) => _lab = lab;

    [Fact]
    public void Hosts_report_the_lab_facts()
    {
        var host = HostService.GetVMHost(_lab.Servers[1]);
        Assert.Equal("esx02", host.Name);
        Assert.Equal(HostConnectionState.Connected, host.ConnectionState);
        Assert.Equal(HostPowerState.PoweredOn, host.PowerState);
        Assert.Equal("Xeon B", host.ProcessorType);
        Assert.Equal(32, host.NumCpu);
        Assert.Equal(32 * 2600, host.CpuTotalMhz);
        Assert.Equal(256, host.MemoryTotalGB);
        Assert.True(host.Simulated);
        Assert.Equal(10, host.VMCount);
        Assert.InRange(host.MemoryUsageGB!.Value, 0.5, 256);
        // The test driver reports no host UUID: the Id is the name-based GUID of the URI, the same in every session.
        Assert.Equal(NameBasedGuid.Create(_lab.Hosts[1].Uri).ToString("D"), host.Id);
        Assert.NotEqual(host.Id, HostService.GetVMHost(_lab.Servers[0]).Id);
    }

    [Theory]
    // Computed outside .NET (Python: SHA-1 of "vitoolkit:" + text, first 16 bytes, version 5 and RFC 4122 variant
    // bits): host Ids are kept in inventories, so they must never change.
    [InlineData("test:///tmp/lab/esx01.xml", "075a0e7c-95cf-5d6e-8fb9-137ecfee03f9")]
    [InlineData("qemu+ssh://admin@kvm01/system", "d5256777-7399-538f-a303-ea403eb10183")]
    public void Name_based_host_ids_are_fixed(string uri, string expected) =>
        Assert.Equal(expected, NameBasedGuid.Create(uri).ToString("D"));

    [Fact]
    public void Listing_returns_every_vm_in_host_then_name_order()
    {
        var result = VMService.Query(_lab.Servers, null, null, CancellationToken.None);
        Assert.Empty(result.HostErrors);
        Assert.Equal(30, result.VMs.Count);
        Assert.Equal(new[] { "esx01", "esx02", "esx03" }, result.VMs.Select(v => v.VMHostName).Distinct());
        foreach (var group in result.VMs.GroupBy(v => v.VMHostName))
        {
            var names = group.Select(v => v.Name).ToList();
            Assert.Equal(names.OrderBy(n => n, StringComparer.OrdinalIgnoreCase), names);
        }
        Assert.Contains(result.VMs, v => v.PowerState == PowerState.Suspended && v.State == "Paused");
        Assert.Contains(result.VMs, v => v.PowerState == PowerState.PoweredOff && v.State == "ShutOff");
        Assert.Contains(result.VMs, v => v.PowerState == PowerState.PoweredOn && v.State == "Running");
        Assert.All(result.VMs, v => Assert.Equal("simulated", v.Notes!.Split(' ')[^1].Trim('(', ')')));
    }

    [Fact]
    public void Exact_name_finds_one_vm_and_reports_missing_names()
    {
        var all = VMService.Query(_lab.Servers, null, null, CancellationToken.None).VMs;
        var target = all[17];
        var result = VMService.Query(_lab.Servers, new[] { NamePattern.Create(target.Name), NamePattern.Create("nope") }, null, CancellationToken.None);
        var vm = Assert.Single(result.VMs);
        Assert.Equal(target.Uuid, vm.Uuid);
        Assert.Equal(target.VMHostName, vm.VMHostName);
        Assert.Equal(new[] { "nope" }, result.UnmatchedNames);
    }

    [Fact]
    public void Exact_names_are_case_sensitive_and_wildcards_are_not()
    {
        var target = VMService.Query(_lab.Servers, null, null, CancellationToken.None).VMs[0];
        var upper = VMService.Query(_lab.Servers, new[] { NamePattern.Create(target.Name.ToUpperInvariant()) }, null, CancellationToken.None);
        Assert.Empty(upper.VMs);
        var wildcard = VMService.Query(_lab.Servers, new[] { NamePattern.Create(target.Name.ToUpperInvariant() + "*") }, null, CancellationToken.None);
        Assert.Contains(wildcard.VMs, v => v.Uuid == target.Uuid);
    }

    [Fact]
    public void Id_lookup_finds_the_vm_and_reports_unknown_ids()
    {
        var target = VMService.Query(_lab.Servers, null, null, CancellationToken.None).VMs[25];
        var unknown = Guid.NewGuid();
        var result = VMService.Query(_lab.Servers, null, new[] { target.Uuid, unknown }, CancellationToken.None);
        Assert.Equal(target.Name, Assert.Single(result.VMs).Name);
        Assert.Equal(new[] { unknown }, result.UnmatchedIds);
    }

    [Fact]
    public void Vm_host_is_read_lazily_and_matches_the_server()
    {
        var vm = VMService.Query(_lab.Servers.Skip(2).ToList(), null, null, CancellationToken.None).VMs[0];
        Assert.Equal("esx03", vm.VMHost.Name);
        Assert.Same(vm.Server, vm.VMHost.Server);
    }

    [Fact]
    public void Datastores_and_networks_are_read()
    {
        var pools = DatastoreService.List(_lab.Servers[0]);
        var san = Assert.Single(pools, p => p.Name == "san01");
        Assert.True(san.Shared);
        Assert.Equal("netfs", san.Type);
        Assert.Equal("Available", san.State);
        Assert.Equal("nas01.lab.local:/export/san01", san.Source);
        Assert.InRange(san.FreeSpaceGB, 0.001, san.CapacityGB);
        var local = Assert.Single(pools, p => p.Name == "local-esx01");
        Assert.False(local.Shared);

        var networks = NetworkService.List(_lab.Servers[0]);
        var priv = Assert.Single(networks, n => n.Name == "Priv172.17");
        Assert.Equal("172.17.0.0/16", priv.Subnet);
        Assert.Equal("isolated", priv.ForwardMode);
        Assert.Equal("nat", Assert.Single(networks, n => n.Name == "VM Network").ForwardMode);
    }
}
