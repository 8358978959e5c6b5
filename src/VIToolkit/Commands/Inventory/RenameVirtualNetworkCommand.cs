using System.Management.Automation;
using VIToolkit.Base;
using VIToolkit.Core;
using VIToolkit.Core.Model;
using VIToolkit.Core.Services;

namespace VIToolkit.Commands.Inventory;

/// <summary>Renames a libvirt network (e.g. to make a host's network names match its cluster's).</summary>
[Cmdlet(VerbsCommon.Rename, "VirtualNetwork", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(VirtualNetwork))]
internal sealed class RenameVirtualNetworkCommand : VIToolkitCmdlet
{
    /// <summary>The network, from Get-VirtualNetwork.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ValidateNotNull]
    public VirtualNetwork VirtualNetwork { get; set; } = null!;

    [Parameter(Mandatory = true, Position = 1)]
    [ValidateNotNullOrEmpty]
    public string NewName { get; set; } = null!;

    protected override void ProcessRecord()
    {
        // Re-making an active network briefly takes its bridge down: VMs attached to it lose connectivity.
        if (!ShouldProcess($"Network '{VirtualNetwork.Name}' on host '{VirtualNetwork.VMHostName}'", $"Rename to '{NewName}' (briefly stops the network if it is active)"))
        {
            return;
        }
        try
        {
            WriteObject(NetworkService.Rename(VirtualNetwork.Server, VirtualNetwork.Name, NewName));
        }
        catch (VIToolkitException e)
        {
            WriteVIError(e, target: VirtualNetwork);
        }
    }
}
