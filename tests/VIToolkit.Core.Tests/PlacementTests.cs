using System.Linq;
using VIToolkit.Core.Migration;
using Xunit;

namespace VIToolkit.Core.Tests;

public sealed class PlacementTests
{
    private static readonly HostCapacity[] TwoHosts = { new(8, 16), new(4, 16) };

    [Fact]
    public void PlacesOnTheHostWithMostFreeMemoryAndCountsWhatItPlaced()
    {
        var vms = new[] { new VMDemand(3, 2), new VMDemand(3, 2), new VMDemand(3, 2) };
        var result = Placement.Assign(vms, TwoHosts, (_, _) => true);
        // 8 GB host takes the first (5 left), then still leads (5 > 4) and takes the second (2 left), the third goes to the 4 GB host.
        Assert.Equal(new int?[] { 0, 0, 1 }, result);
    }

    [Fact]
    public void PlacesLargestFirstSoThatEverythingFits()
    {
        // In input order a greedy plan would put 2 GB on host 0 (8 -> 6), 6 GB then on host 0 (0 left)… largest first is safer.
        var vms = new[] { new VMDemand(2, 1), new VMDemand(7, 1), new VMDemand(4, 1) };
        var result = Placement.Assign(vms, TwoHosts, (_, _) => true);
        Assert.Equal(0, result[1]);       // 7 GB to the 8 GB host
        Assert.Equal(1, result[2]);       // 4 GB to the 4 GB host
        Assert.Null(result[0]);           // 2 GB fits nowhere any more (1 and 0 left)
    }

    [Fact]
    public void NeverUsesAnIncompatibleHostOrOneWithTooFewCpus()
    {
        var hosts = new[] { new HostCapacity(64, 2), new HostCapacity(16, 32), new HostCapacity(64, 32) };
        var vms = new[] { new VMDemand(1, 4) };
        var result = Placement.Assign(vms, hosts, (_, host) => host != 2);
        Assert.Equal(1, result[0]);
    }

    [Fact]
    public void LeavesUnplacedWhatFitsNowhere()
    {
        var result = Placement.Assign(new[] { new VMDemand(9, 1) }, TwoHosts, (_, _) => true);
        Assert.Null(result.Single());
    }

    [Fact]
    public void BreaksTiesBetweenEqualHostsByHostOrder()
    {
        // Six 1 GB VMs, three 10 GB hosts: each VM goes to the host with the most free memory, the first of equals.
        // 10/10/10 -> host 0; 9/10/10 -> host 1; 9/9/10 -> host 2; 9/9/9 -> host 0; and round again.
        var hosts = Enumerable.Repeat(new HostCapacity(10, 8), 3).ToArray();
        var vms = Enumerable.Repeat(new VMDemand(1, 1), 6).ToArray();
        Assert.Equal(new int?[] { 0, 1, 2, 0, 1, 2 }, Placement.Assign(vms, hosts, (_, _) => true));
    }

    [Fact]
    public void KeepsInputOrderAmongVMsOfEqualSize()
    {
        // Largest first, then input order: VM 1 (4 GB) to host 0 (8 -> 4 left); VM 0 (2 GB) to host 1, which has
        // more left (6 -> 4); VM 2 (2 GB) finds 4 and 4 and takes the first, host 0.
        var hosts = new[] { new HostCapacity(8, 4), new HostCapacity(6, 4) };
        var vms = new[] { new VMDemand(2, 1), new VMDemand(4, 1), new VMDemand(2, 1) };
        Assert.Equal(new int?[] { 1, 0, 0 }, Placement.Assign(vms, hosts, (_, _) => true));
    }
}
