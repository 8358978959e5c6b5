@{
    Synopsis    = 'Asks the guest OS of VMs to shut down, and waits until the VMs are powered off.'
    Description = @'
Sends each running VM a graceful shutdown request (libvirt virDomainShutdown: normally an ACPI power-button press;
libvirt may use the QEMU guest agent instead when the VM has one) and then waits, up to -TimeoutSeconds (default 120),
checking every 200 ms, until the VM is powered off. The guest must react to the request: Linux needs acpid or systemd-logind
handling the power button, Windows a power-button action of "Shut down"; a VM without an OS, sitting in its
firmware or stuck, ignores it.

A guest that has not powered off when the time is up gives a GuestShutdownTimeout error (category OperationTimeout)
whose target is the VM as it is then; the VM is left running and the request stands, so the guest may still shut
down later. Use Stop-VM for a hard power-off. With -TimeoutSeconds 0 Stop-VMGuest does not wait: it returns each VM
as soon as the request is made, typically still PoweredOn.

A VM that is already powered off is not an error: a warning ("VM 'db01' is already powered off.") is written and the
VM returned. A suspended VM (paused, or suspended to disk) cannot react and gives an InvalidVMState error: resume it
with Start-VM first.

Shutting down has a high confirm impact: with the default $ConfirmPreference it asks for confirmation for each VM;
pass -Confirm:$false in scripts.

Confirmation (-WhatIf, -Confirm) is asked for each VM as it arrives. Once all input has been received, the confirmed
VMs are shut down in parallel, at most -ThrottleLimit at a time, and the VMs come out in input order. A VM that is
being waited for occupies one of the -ThrottleLimit slots: with many VMs, raise -ThrottleLimit so that slow guests do
not hold up the others. Runs of two or more VMs show a progress bar. A VM that fails gives one non-terminating error
with the VM as its target and the other VMs go on. Ctrl+C stops the VMs not yet asked, and stops waiting for the
others (OperationCancelled; their shutdown requests stand).

With -RunAsync, the command does not wait: once all input has been received it returns one task per confirmed VM
(see -RunAsync, Get-Task, Wait-Task and Stop-Task).
'@
    Parameters  = @{
        VM             = @'
The VMs to shut down: VirtualMachine objects (from Get-VM, or any object with a VM property such as a snapshot), or
names. Names with wildcards (*, ?, [a-z]) match case-insensitively; exact names are case-sensitive, as libvirt's.
Names are looked up on the default servers, or on the servers given with -Server; an exact name that matches no
VM there is a VMNotFound error, a wildcard that matches nothing does nothing. Accepts VMs and names from the pipeline. A VM given twice is shut down once.
'@
        Server         = @'
Only shut down VMs on these servers (VIServer objects or server names, wildcards allowed). VMs on other servers,
named or piped, are skipped without a message.
'@
        RunAsync       = @'
Returns one task object (VITask) per VM at once, in input order, instead of waiting: each VM is asked to shut down, and waited for up to -TimeoutSeconds, in the
background, and Wait-Task later returns the VMs as they are afterwards (PoweredOff) and writes the errors of
the VMs that failed, with the task as target. Confirmation still happens for each VM as it arrives, and names that
match no VM still give VMNotFound at once. With -RunAsync, -ThrottleLimit does not apply: every confirmed VM's task
starts at once, and there is no progress bar. A VM already in the wanted state gives no warning: its task succeeds
and its Status holds the message. A guest that does not shut down in time makes its task fail with GuestShutdownTimeout. Stop-Task on a task that is waiting for its guest stops the waiting: the task ends Cancelled (OperationCancelled) and the shutdown request stands. See Get-Task, Wait-Task and Stop-Task.
'@
        ThrottleLimit  = 'At most this many VMs are shut down (and waited for) at the same time, 1 to 256. Default: 16. Output stays in input order whatever the value.'
        TimeoutSeconds = @'
How long to wait for each guest to power off, 0 to 86400 seconds. Default: 120. The time counts for each VM from its
own request. 0 returns as soon as the request is made (as PowerCLI's Stop-VMGuest does). When the time is up the VM
gives a GuestShutdownTimeout error and is left running.
'@
    }
    Inputs      = @(
        @{ Type = 'VIToolkit.Core.Model.VirtualMachine'; Description = 'VMs to shut down, e.g. from Get-VM.' }
        @{ Type = 'System.String'; Description = 'Names of VMs to shut down (wildcards allowed).' }
    )
    Outputs     = @(@{ Type = 'VIToolkit.Core.Model.VirtualMachine'; Description = 'Each VM as it is afterwards, read afresh from its host: PowerState PoweredOff once the guest has shut down (with -TimeoutSeconds 0, usually still PoweredOn). VMs that timed out are not output; they are the targets of their errors.' })
    Examples    = @(
        @{ Title = 'One VM'; Code = 'Stop-VMGuest db01'; Remarks = 'Asks for confirmation, asks the guest of db01 to shut down and waits up to two minutes for it.' }
        @{ Title = 'Shut down a host''s VMs before maintenance'; Code = 'Get-VMHost esx02 | Get-VM | Where-Object PowerState -eq PoweredOn | Stop-VMGuest -TimeoutSeconds 600 -ThrottleLimit 100 -Confirm:$false'; Remarks = 'Asks every running VM of esx02 to shut down, all at once (up to 100), and waits up to ten minutes for each.' }
        @{ Title = 'Graceful, then forced'; Code = @'
Get-VM app* | Stop-VMGuest -Confirm:$false -ErrorVariable slow -ErrorAction SilentlyContinue | Out-Null
$slow | Where-Object FullyQualifiedErrorId -like 'GuestShutdownTimeout*' | ForEach-Object TargetObject | Stop-VM -Confirm:$false
'@; Remarks = 'Shuts down the app VMs cleanly where the guest cooperates, then powers off those that are still running after two minutes.' }
        @{ Title = 'Shut down in the background, give up after a while'; Code = @'
$tasks = Get-VM app* | Stop-VMGuest -TimeoutSeconds 900 -RunAsync -Confirm:$false
$tasks | Wait-Task -TimeoutSeconds 300 -ErrorAction SilentlyContinue | Out-Null
$tasks | Where-Object { -not $_.IsCompleted } | Stop-Task -PassThru -Confirm:$false | ForEach-Object Target | Stop-VM -Confirm:$false
'@; Remarks = 'Asks every app guest to shut down, as background tasks; after five minutes stops waiting for the guests still running and powers those VMs off.' }
        @{ Title = 'Fire and forget'; Code = 'Stop-VMGuest web* -TimeoutSeconds 0 -Confirm:$false | Out-Null'; Remarks = 'Sends the shutdown request to every web VM and returns at once, without waiting for the guests.' }
    )
    Links       = @('Stop-VM', 'Restart-VMGuest', 'Start-VM', 'Suspend-VM', 'Get-VM')
    Notes       = @'
PowerCLI equivalences: PowerCLI's Stop-VMGuest (alias Shutdown-VMGuest) needs VMware Tools and returns at once;
VIToolkit's needs no agent (ACPI) and waits by default. -TimeoutSeconds 0 gives PowerCLI's behaviour. The
PowerCLI pattern "Stop-VMGuest, then poll Get-VM until PoweredOff" is built in. With -RunAsync the waiting happens in
background tasks (Get-Task, Wait-Task, Stop-Task).
'@
}
