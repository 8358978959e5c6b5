using System.Management.Automation;
using VIToolkit.Base;
using VIToolkit.Core;
using VIToolkit.Core.Model;
using VIToolkit.Core.Services;

namespace VIToolkit.Commands.Inventory;

/// <summary>Renames a libvirt network (e.g. to make a host's network names match its cluster's).</summary>
[Cmdlet(VerbsCommon.Rename, "VirtualNetwork", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(VirtualNetwork))]
public sealed class RenameVirtualNetworkCommand : VIToolkitCmdlet
{
    /// <summary>The network, from Get-VirtualNetwork.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ValidateNotNull]
    public VirtualNetwork VirtualNetwork { get; set; } = null!;

    [Parameter(Mandatory = true, Position = 1)]
    [ValidateNotNullOrEmpty]
    public string NewName { get; set; } = null!;

    /// <summary>Also change the NICs of the host's VMs that use the network to the new name (their persistent definitions).</summary>
    [Parameter]
    public SwitchParameter UpdateVMs { get; set; }

    protected override void Process()
    {
        // Re-making an active network briefly takes its bridge down: VMs attached to it lose connectivity.
        if (!ShouldProcess($"Network '{VirtualNetwork.Name}' on host '{VirtualNetwork.VMHostName}'", $"Rename to '{MessageText.Input(NewName)}' (briefly stops the network if it is active){(UpdateVMs ? " and re-point the VMs that use it" : string.Empty)}"))
        {
            return;
        }
        try
        {
            var result = NetworkService.Rename(VirtualNetwork.Server, VirtualNetwork.Name, NewName, UpdateVMs);
            var (network, vms) = (result.Network, result.VMs);
            if (vms.Count > 0 && UpdateVMs)
            {
                WriteVerbose($"{vms.Count} VM(s) now use '{MessageText.Input(NewName)}': {string.Join(", ", vms)}.");
                if (result.RunningWithOldName.Count > 0)
                {
                    WriteWarning($"{result.RunningWithOldName.Count} running VM(s) on '{network.VMHostName}' keep '{VirtualNetwork.Name}' in their running configuration (this host cannot change a NIC live) and use '{NewName}' from their next power-on; until then they cannot move live: {string.Join(", ", result.RunningWithOldName)}.");
                }
            }
            else if (vms.Count > 0)
            {
                WriteWarning($"{vms.Count} VM(s) on '{network.VMHostName}' still name network '{VirtualNetwork.Name}' and will not start or move until their NICs use '{NewName}' (rename with -UpdateVMs to change them too): {string.Join(", ", vms)}.");
            }
            WriteObject(network);
        }
        catch (VIToolkitException e)
        {
            WriteVIError(e, target: VirtualNetwork);
        }
    }
}
