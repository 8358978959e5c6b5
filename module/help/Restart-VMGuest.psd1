@{
    Synopsis    = 'Asks the guest OS of VMs to reboot.'
    Description = @'
Sends each running VM a reboot request (libvirt virDomainReboot; the hypervisor chooses the method: an ACPI request,
or the QEMU guest agent when the VM has one), so that the guest OS shuts down its services and restarts cleanly. This
is PowerCLI's Restart-VMGuest. For a hard reset, use Restart-VM.

Restart-VMGuest does not wait for the reboot: it returns each VM as soon as the request is made, still PoweredOn. A
guest that ignores the request (no ACPI handling, no OS, stuck) simply does not reboot, and no error says so: check
the guest afterwards, and use Restart-VM if needed.

The VM must be powered on: a powered-off or suspended VM gives an InvalidVMState error ("VM 'dns01' is not powered
on; its guest cannot be restarted.").

Rebooting interrupts the VM's service, so Restart-VMGuest has a high confirm impact: with the default
$ConfirmPreference it asks for confirmation for each VM; pass -Confirm:$false in scripts.

Confirmation (-WhatIf, -Confirm) is asked for each VM as it arrives. Once all input has been received, the requests
are sent in parallel, at most -ThrottleLimit at a time, and the VMs come out in input order. Runs of two or more VMs
show a progress bar. A VM that fails gives one non-terminating error with the VM as its target and the other VMs go
on. Ctrl+C stops the VMs not yet asked.

With -RunAsync, the command does not wait: once all input has been received it returns one task per confirmed VM
(see -RunAsync, Get-Task, Wait-Task and Stop-Task).
'@
    Parameters  = @{
        VM            = @'
The VMs to reboot: VirtualMachine objects (from Get-VM, or any object with a VM property such as a snapshot), or
names. Names with wildcards (*, ?, [a-z]) match case-insensitively; exact names are case-sensitive, as libvirt's.
Names are looked up on the default servers, or on the servers given with -Server; an exact name that matches no
VM there is a VMNotFound error, a wildcard that matches nothing does nothing. Accepts VMs and names from the pipeline. A VM given twice is rebooted once.
'@
        Server        = @'
Only reboot VMs on these servers (VIServer objects or server names, wildcards allowed). VMs on other servers, named
or piped, are skipped without a message.
'@
        RunAsync      = @'
Returns one task object (VITask) per VM at once, in input order, instead of waiting: each VM is asked to reboot in the
background, and Wait-Task later returns the VMs as they are afterwards (normally still PoweredOn) and writes the errors of
the VMs that failed, with the task as target. Confirmation still happens for each VM as it arrives, and names that
match no VM still give VMNotFound at once. With -RunAsync, -ThrottleLimit does not apply: every confirmed VM's task
starts at once, and there is no progress bar. A VM already in the wanted state gives no warning: its task succeeds
and its Status holds the message. See Get-Task, Wait-Task and Stop-Task.
'@
        ThrottleLimit = 'At most this many requests are sent at the same time, 1 to 256. Default: 16. Output stays in input order whatever the value.'
    }
    Inputs      = @(
        @{ Type = 'VIToolkit.Core.Model.VirtualMachine'; Description = 'VMs to reboot, e.g. from Get-VM.' }
        @{ Type = 'System.String'; Description = 'Names of VMs to reboot (wildcards allowed).' }
    )
    Outputs     = @(@{ Type = 'VIToolkit.Core.Model.VirtualMachine'; Description = 'Each VM as it is right after the request, read afresh from its host (normally still PoweredOn).' })
    Examples    = @(
        @{ Title = 'One VM after patching'; Code = 'Restart-VMGuest web01'; Remarks = 'Asks for confirmation, then asks the guest of web01 to reboot.' }
        @{ Title = 'A rolling reboot'; Code = @'
foreach ($vm in Get-VM web* | Where-Object PowerState -eq PoweredOn) {
    Restart-VMGuest $vm -Confirm:$false | Out-Null
    Start-Sleep -Seconds 120   # let it come back before the next one
}
'@; Remarks = 'Reboots the running web VMs one after the other, so that the others keep serving.' }
        @{ Title = 'All running VMs of a host at once'; Code = 'Get-VMHost esx04 | Get-VM | Where-Object PowerState -eq PoweredOn | Restart-VMGuest -Confirm:$false -ThrottleLimit 64'; Remarks = 'Sends a reboot request to every running VM of esx04, up to 64 at the same time.' }
        @{ Title = 'Reboot in the background'; Code = 'Get-VM web* | Restart-VMGuest -RunAsync -Confirm:$false | Wait-Task | Format-Table Name, PowerState'; Remarks = 'Sends the reboot requests as background tasks and collects the VMs once all requests have been made.' }
        @{ Title = 'Preview'; Code = 'Restart-VMGuest app* -WhatIf'; Remarks = 'Lists the VMs whose guests would be asked to reboot.' }
    )
    Links       = @('Restart-VM', 'Stop-VMGuest', 'Start-VM', 'Get-VM')
    Notes       = @'
PowerCLI equivalences: PowerCLI's Restart-VMGuest needs VMware Tools; VIToolkit's needs no agent (ACPI), but the
guest must handle the request. Like PowerCLI's, it does not wait for the guest to come back. -RunAsync returns tasks, as PowerCLI's does
(Get-Task, Wait-Task, Stop-Task).
'@
}
