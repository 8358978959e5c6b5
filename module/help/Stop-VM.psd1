@{
    Synopsis    = 'Powers off VMs at once, without shutting down their guest OS.'
    Description = @'
Powers off each VM given immediately (libvirt virDomainDestroy), like pulling the power cord: the guest OS gets no
chance to shut down, unsaved data in the guest is lost and file systems may need a check at the next boot. This is
PowerCLI's Stop-VM. To ask the guest OS to shut down cleanly, use Stop-VMGuest.

A VM paused in memory is powered off as well. A VM suspended to disk (Suspend-VM -ToDisk) has its saved memory image
discarded, so that it is powered off and boots afresh at the next Start-VM. A VM that is already powered off is not
an error: Stop-VM writes a warning ("VM 'dns01' is already powered off.") and still returns the VM.

Because it can lose data, Stop-VM has a high confirm impact: with the default $ConfirmPreference it asks for
confirmation for each VM. Answer Yes to All, or pass -Confirm:$false in scripts.

Confirmation (-WhatIf, -Confirm) is asked for each VM as it arrives. Once all input has been received, the confirmed
VMs are powered off in parallel, at most -ThrottleLimit at a time, and the VMs come out in input order. Runs of two or
more VMs show a progress bar. A VM that cannot be powered off gives one non-terminating error with the VM as its
target (VMNotFound when it has been removed meanwhile) and the other VMs are still powered off. Ctrl+C stops the VMs
that have not been powered off yet.

With -RunAsync, the command does not wait: once all input has been received it returns one task per confirmed VM
(see -RunAsync, Get-Task, Wait-Task and Stop-Task).
'@
    Parameters  = @{
        VM            = @'
The VMs to power off: VirtualMachine objects (from Get-VM, or any object with a VM property such as a snapshot), or
names. Names with wildcards (*, ?, [a-z]) match case-insensitively; exact names are case-sensitive, as libvirt's.
Names are looked up on the default servers, or on the servers given with -Server; an exact name that matches no
VM there is a VMNotFound error, a wildcard that matches nothing does nothing. Accepts VMs and names from the pipeline. A VM given twice is powered off once.
'@
        Server        = @'
Only power off VMs on these servers (VIServer objects or server names, wildcards allowed). VMs on other servers,
named or piped, are skipped without a message. Handy when the same VM name exists on several hosts.
'@
        RunAsync      = @'
Returns one task object (VITask) per VM at once, in input order, instead of waiting: each VM is powered off in the
background, and Wait-Task later returns the VMs as they are afterwards (PoweredOff) and writes the errors of
the VMs that failed, with the task as target. Confirmation still happens for each VM as it arrives, and names that
match no VM still give VMNotFound at once. With -RunAsync, -ThrottleLimit does not apply: every confirmed VM's task
starts at once, and there is no progress bar. A VM already in the wanted state gives no warning: its task succeeds
and its Status holds the message. See Get-Task, Wait-Task and Stop-Task.
'@
        ThrottleLimit = 'At most this many VMs are powered off at the same time, 1 to 256. Default: 16. Output stays in input order whatever the value.'
    }
    Inputs      = @(
        @{ Type = 'VIToolkit.Core.Model.VirtualMachine'; Description = 'VMs to power off, e.g. from Get-VM.' }
        @{ Type = 'System.String'; Description = 'Names of VMs to power off (wildcards allowed).' }
    )
    Outputs     = @(@{ Type = 'VIToolkit.Core.Model.VirtualMachine'; Description = 'Each VM as it is afterwards, read afresh from its host: PowerState is PoweredOff, State ShutOff.' })
    Examples    = @(
        @{ Title = 'A hung VM'; Code = 'Stop-VM web01'; Remarks = 'Asks for confirmation, then powers web01 off at once.' }
        @{ Title = 'Power off a test pool without prompts'; Code = 'Get-VM build* | Where-Object PowerState -eq PoweredOn | Stop-VM -Confirm:$false'; Remarks = 'Powers off every running build VM on all connected hosts, 16 at a time, without asking.' }
        @{ Title = 'Clean shutdown first, hard power-off for the rest'; Code = @'
Get-VM app* | Stop-VMGuest -TimeoutSeconds 300 -Confirm:$false -ErrorVariable slow -ErrorAction SilentlyContinue | Out-Null
$slow | Where-Object FullyQualifiedErrorId -like 'GuestShutdownTimeout*' | ForEach-Object TargetObject | Stop-VM -Confirm:$false
'@; Remarks = 'Gives the guests of the app VMs five minutes to shut down, then powers off those whose guest did not (their GuestShutdownTimeout errors carry the VM as target).' }
        @{ Title = 'Discard a suspended state'; Code = 'Get-VM file01 | Where-Object PowerState -eq Suspended | Stop-VM -Confirm:$false'; Remarks = 'Powers file01 off if it is suspended; if it was suspended to disk its saved memory is discarded, and the next Start-VM boots it afresh.' }
        @{ Title = 'Power off in the background'; Code = 'Get-VM build* | Stop-VM -RunAsync -Confirm:$false | Wait-Task | Format-Table Name, PowerState'; Remarks = 'Powers off the build VMs as background tasks and waits for them; the VMs come out powered off.' }
        @{ Title = 'Preview'; Code = 'Get-VMHost esx03 | Get-VM | Stop-VM -WhatIf'; Remarks = 'Lists the VMs of esx03 that would be powered off, without touching them.' }
    )
    Links       = @('Stop-VMGuest', 'Start-VM', 'Suspend-VM', 'Restart-VM', 'Get-VM')
    Notes       = @'
PowerCLI equivalences: Stop-VM is a hard power-off in both, and has a high confirm impact in both. PowerCLI's -Kill
(kill the VM process) is not needed: Stop-VM already ends the VM at once. Without -RunAsync, VMs are powered
off in parallel (-ThrottleLimit) and the command returns when all are off; with -RunAsync it returns tasks at once, as
PowerCLI's does (Get-Task, Wait-Task, Stop-Task).
'@
}
