@{
    Synopsis    = 'Suspends VMs: pauses them in memory, or with -ToDisk saves their memory to disk and frees the host.'
    Description = @'
Without -ToDisk, each running VM is paused (libvirt virDomainSuspend): its vCPUs stop at once, but its memory stays
allocated on the host. Resuming is instant. The VM's PowerState becomes Suspended and its State Paused.

With -ToDisk, the VM's memory and device state are written to a file on the host and the VM is stopped (libvirt
managed save, virDomainManagedSave): the host's memory and CPUs are freed, and the state survives a host reboot. This
takes as long as writing the VM's memory to disk. The PowerState becomes Suspended and the State ShutOff. A VM
already paused in memory can be moved to disk with -ToDisk.

Start-VM resumes both kinds (a paused VM continues at once; a VM suspended to disk is restored from its image). Stop-VM
on a VM suspended to disk discards its saved state; Remove-VM deletes the image with the VM.

A VM that is already suspended is not an error: a warning ("VM 'file01' is already suspended.") is written and the VM
returned. A powered-off VM cannot be suspended: InvalidVMState.

Confirmation (-WhatIf, -Confirm) is asked for each VM as it arrives. Once all input has been received, the confirmed
VMs are suspended in parallel, at most -ThrottleLimit at a time, and the VMs come out in input order. Runs of two or
more VMs show a progress bar. A VM that fails gives one non-terminating error with the VM as its target (a libvirt
refusal, e.g. a full disk for -ToDisk, gives LibvirtOperationFailed with libvirt's message) and the other VMs go on.
Ctrl+C stops the VMs not yet started.

With -RunAsync, the command does not wait: once all input has been received it returns one task per confirmed VM
(see -RunAsync, Get-Task, Wait-Task and Stop-Task).
'@
    Parameters  = @{
        VM            = @'
The VMs to suspend: VirtualMachine objects (from Get-VM, or any object with a VM property such as a snapshot), or
names. Names with wildcards (*, ?, [a-z]) match case-insensitively; exact names are case-sensitive, as libvirt's.
Names are looked up on the default servers, or on the servers given with -Server; an exact name that matches no
VM there is a VMNotFound error, a wildcard that matches nothing does nothing. Accepts VMs and names from the pipeline. A VM given twice is suspended once.
'@
        Server        = @'
Only suspend VMs on these servers (VIServer objects or server names, wildcards allowed). VMs on other servers, named
or piped, are skipped without a message.
'@
        RunAsync      = @'
Returns one task object (VITask) per VM at once, in input order, instead of waiting: each VM is suspended in the
background, and Wait-Task later returns the VMs as they are afterwards (PowerState Suspended) and writes the errors of
the VMs that failed, with the task as target. Confirmation still happens for each VM as it arrives, and names that
match no VM still give VMNotFound at once. With -RunAsync, -ThrottleLimit does not apply: every confirmed VM's task
starts at once, and there is no progress bar. A VM already in the wanted state gives no warning: its task succeeds
and its Status holds the message. See Get-Task, Wait-Task and Stop-Task.
'@
        ThrottleLimit = 'At most this many VMs are suspended at the same time, 1 to 256. Default: 16. With -ToDisk, a lower value spares the host''s disks. Output stays in input order whatever the value.'
        ToDisk        = @'
Saves the VM's memory to disk and stops it (libvirt managed save), freeing the host's memory, instead of pausing it
in memory. This is what a PowerCLI suspend does on vSphere.
'@
    }
    Inputs      = @(
        @{ Type = 'VIToolkit.Core.Model.VirtualMachine'; Description = 'VMs to suspend, e.g. from Get-VM.' }
        @{ Type = 'System.String'; Description = 'Names of VMs to suspend (wildcards allowed).' }
    )
    Outputs     = @(@{ Type = 'VIToolkit.Core.Model.VirtualMachine'; Description = 'Each VM as it is afterwards, read afresh from its host: PowerState Suspended; State Paused (in memory) or ShutOff (suspended to disk).' })
    Examples    = @(
        @{ Title = 'Pause a VM for a moment'; Code = @'
Suspend-VM db01
# ... take a consistent copy of its storage ...
Start-VM db01
'@; Remarks = 'Freezes db01 in memory and resumes it afterwards; the guest just sees time jump.' }
        @{ Title = 'Free a host''s memory, keeping the VMs'' state'; Code = 'Get-VMHost esx03 | Get-VM | Where-Object PowerState -eq PoweredOn | Suspend-VM -ToDisk -ThrottleLimit 4'; Remarks = 'Saves every running VM of esx03 to disk, four at a time, so that the host can be rebooted; Start-VM restores them later.' }
        @{ Title = 'Move paused VMs to disk'; Code = 'Get-VM | Where-Object State -eq Paused | Suspend-VM -ToDisk'; Remarks = 'VMs paused in memory hold host memory; this saves them to disk instead.' }
        @{ Title = 'Suspend to disk in the background'; Code = @'
$tasks = Get-VM -Server esx03 | Where-Object PowerState -eq PoweredOn | Suspend-VM -ToDisk -RunAsync
$tasks | Wait-Task -TimeoutSeconds 900 | Format-Table Name, PowerState, State
'@; Remarks = 'Starts saving the running VMs of esx03 to disk as background tasks, then waits up to 15 minutes for them.' }
        @{ Title = 'Resume what was suspended'; Code = 'Get-VM -Server esx03 | Where-Object PowerState -eq Suspended | Start-VM'; Remarks = 'Resumes the paused VMs of esx03 and restores those saved to disk.' }
    )
    Links       = @('Start-VM', 'Stop-VM', 'Stop-VMGuest', 'Get-VM')
    Notes       = @'
PowerCLI equivalences: on vSphere, Suspend-VM always writes the VM's memory to disk; the equivalent here is
Suspend-VM -ToDisk. Without -ToDisk the VM keeps its host memory (vSphere has no such pause). Both show PowerState
Suspended, as in PowerCLI. Without -RunAsync, VMs are suspended in parallel (-ThrottleLimit); with -RunAsync the
command returns tasks at once, as PowerCLI's does (Get-Task, Wait-Task, Stop-Task).
'@
}
