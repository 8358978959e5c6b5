@{
    Synopsis    = 'Resets VMs (a hard restart, like pressing the reset button).'
    Description = @'
Resets each running VM at once (libvirt virDomainReset): the virtual hardware is reset and the VM boots again, without
the guest OS being told. Unsaved data in the guest is lost. This is PowerCLI's Restart-VM. To ask the guest OS to
reboot cleanly, use Restart-VMGuest.

The VM must be powered on: a powered-off or suspended VM gives an InvalidVMState error ("VM 'dns01' is not powered on
and cannot be restarted."); use Start-VM for those.

Because it can lose data, Restart-VM has a high confirm impact: with the default $ConfirmPreference it asks for
confirmation for each VM; pass -Confirm:$false in scripts.

Confirmation (-WhatIf, -Confirm) is asked for each VM as it arrives. Once all input has been received, the confirmed
VMs are reset in parallel, at most -ThrottleLimit at a time, and the VMs come out in input order. Runs of two or more
VMs show a progress bar. A VM that fails gives one non-terminating error with the VM as its target and the other VMs
are still reset. Ctrl+C stops the VMs not yet reset.

With -RunAsync, the command does not wait: once all input has been received it returns one task per confirmed VM
(see -RunAsync, Get-Task, Wait-Task and Stop-Task).
'@
    Parameters  = @{
        VM            = @'
The VMs to reset: VirtualMachine objects (from Get-VM, or any object with a VM property such as a snapshot), or
names. Names with wildcards (*, ?, [a-z]) match case-insensitively; exact names are case-sensitive, as libvirt's.
Names are looked up on the default servers, or on the servers given with -Server; an exact name that matches no
VM there is a VMNotFound error, a wildcard that matches nothing does nothing. Accepts VMs and names from the pipeline. A VM given twice is reset once.
'@
        Server        = @'
Only reset VMs on these servers (VIServer objects or server names, wildcards allowed). VMs on other servers, named or
piped, are skipped without a message.
'@
        RunAsync      = @'
Returns one task object (VITask) per VM at once, in input order, instead of waiting: each VM is reset in the
background, and Wait-Task later returns the VMs as they are afterwards (PowerState PoweredOn) and writes the errors of
the VMs that failed, with the task as target. Confirmation still happens for each VM as it arrives, and names that
match no VM still give VMNotFound at once. With -RunAsync, -ThrottleLimit does not apply: every confirmed VM's task
starts at once, and there is no progress bar. A VM already in the wanted state gives no warning: its task succeeds
and its Status holds the message. See Get-Task, Wait-Task and Stop-Task.
'@
        ThrottleLimit = 'At most this many VMs are reset at the same time, 1 to 256. Default: 16. Output stays in input order whatever the value.'
    }
    Inputs      = @(
        @{ Type = 'VIToolkit.Core.Model.VirtualMachine'; Description = 'VMs to reset, e.g. from Get-VM.' }
        @{ Type = 'System.String'; Description = 'Names of VMs to reset (wildcards allowed).' }
    )
    Outputs     = @(@{ Type = 'VIToolkit.Core.Model.VirtualMachine'; Description = 'Each VM as it is right after the reset, read afresh from its host (PowerState PoweredOn; the guest is booting).' })
    Examples    = @(
        @{ Title = 'A hung guest'; Code = 'Restart-VM web01'; Remarks = 'Asks for confirmation, then resets web01.' }
        @{ Title = 'Reset the running VMs of a pool'; Code = 'Get-VM build* | Where-Object PowerState -eq PoweredOn | Restart-VM -Confirm:$false'; Remarks = 'Resets every running build VM without asking; powered-off ones are filtered out, so they give no InvalidVMState error.' }
        @{ Title = 'Reboot cleanly, reset only when the guest will not'; Code = @'
Restart-VMGuest app02 -Confirm:$false | Out-Null
Start-Sleep -Seconds 300
if (-not (Test-Connection app02 -Count 1 -Quiet)) { Restart-VM app02 -Confirm:$false }
'@; Remarks = 'Asks the guest to reboot, and resets the VM if the guest still does not answer a ping five minutes later.' }
        @{ Title = 'Reset in the background'; Code = '$tasks = Get-VM build* | Where-Object PowerState -eq PoweredOn | Restart-VM -RunAsync -Confirm:$false'; Remarks = 'Resets the running build VMs as background tasks and returns at once; $tasks | Wait-Task returns the VMs later.' }
        @{ Title = 'Preview'; Code = 'Restart-VM db* -Server esx01 -WhatIf'; Remarks = 'Lists which db VMs of esx01 would be reset.' }
    )
    Links       = @('Restart-VMGuest', 'Stop-VM', 'Start-VM', 'Get-VM')
    Notes       = @'
PowerCLI equivalences: Restart-VM is a hard reset in both and has a high confirm impact in both. Without
-RunAsync, VMs are reset in parallel (-ThrottleLimit); with -RunAsync the command returns tasks at once, as
PowerCLI's does (Get-Task, Wait-Task, Stop-Task).
'@
}
