using System.Management.Automation;
using VIToolkit.Base;
using VIToolkit.Core.Model;
using VIToolkit.Core.Services;

namespace VIToolkit.Commands.VMs;

/// <summary>Removes powered-off VMs from their hosts; with -DeletePermanently also deletes their disks.</summary>
[Cmdlet(VerbsCommon.Remove, "VM", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(VirtualMachine))]
public sealed class RemoveVMCommand : VMTargetCommand
{
    /// <summary>Also delete the VM's disk volumes (PowerCLI: delete from disk).</summary>
    [Parameter]
    public SwitchParameter DeletePermanently { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override string ActionName => DeletePermanently ? "Remove and delete disks" : "Remove from host";

    protected override void End() => RunQueued(vm => VMConfigService.Remove(vm, DeletePermanently), (_, removal) =>
    {
        foreach (string disk in removal.DeletedDisks)
        {
            WriteVerbose($"Deleted disk {disk} of VM '{removal.VM.Name}'.");
        }
        foreach (string disk in removal.KeptDisks)
        {
            WriteWarning($"Disk {disk} of VM '{removal.VM.Name}' is not a volume of any datastore of '{removal.VM.VMHostName}' and was not deleted.");
        }
        if (PassThru)
        {
            WriteObject(removal.VM);
        }
    });
}
