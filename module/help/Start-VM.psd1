@{
    Synopsis    = 'Powers on VMs, and resumes suspended ones.'
    Description = @'
Starts each VM given, whatever kind of stop it is in: a powered-off VM is booted (libvirt virDomainCreate); a VM
suspended to disk with Suspend-VM -ToDisk is restored from its saved memory image, so it continues where it was; a
VM paused in memory with Suspend-VM is resumed; a VM whose guest suspended itself (libvirt state PMSuspended) is
woken up. This matches PowerCLI's Start-VM, which also powers on suspended VMs.

The state is read afresh from the host just before acting, so an object from an earlier Get-VM may be stale without
harm. A VM that is already running is not an error: Start-VM writes a warning ("VM 'web01' is already powered on.")
and still returns the VM, so "make sure these VMs are on" is safe to repeat.

Confirmation (-WhatIf, -Confirm) is asked for each VM as it arrives. Once all input has been received, the confirmed
VMs are started in parallel, at most -ThrottleLimit at a time, and the VMs come out in input order. Runs of two or
more VMs show a progress bar. A VM that cannot be started gives one non-terminating error with the VM as its target
(VMNotFound when it has been removed meanwhile; a libvirt refusal such as missing disks or not enough host memory
gives LibvirtOperationFailed or InvalidState with libvirt's message) and the other VMs are still started. Ctrl+C
stops the VMs that have not been started yet; those already being started finish.

With -RunAsync, the command does not wait: once all input has been received it returns one task per confirmed VM
(see -RunAsync, Get-Task, Wait-Task and Stop-Task).
'@
    Parameters  = @{
        VM            = @'
The VMs to start: VirtualMachine objects (from Get-VM, or any object with a VM property such as a snapshot), or
names. Names with wildcards (*, ?, [a-z]) match case-insensitively; exact names are case-sensitive, as libvirt's.
Names are looked up on the default servers, or on the servers given with -Server; an exact name that matches no
VM there is a VMNotFound error, a wildcard that matches nothing does nothing. Accepts VMs and names from the pipeline. A VM given twice is started once.
'@
        Server        = @'
Only start VMs on these servers (VIServer objects or server names, wildcards allowed). VMs on other servers, named or
piped, are skipped without a message. Handy when the same VM name exists on several hosts.
'@
        RunAsync      = @'
Returns one task object (VITask) per VM at once, in input order, instead of waiting: each VM is started in the
background, and Wait-Task later returns the VMs as they are afterwards (PoweredOn) and writes the errors of
the VMs that failed, with the task as target. Confirmation still happens for each VM as it arrives, and names that
match no VM still give VMNotFound at once. With -RunAsync, -ThrottleLimit does not apply: every confirmed VM's task
starts at once, and there is no progress bar. A VM already in the wanted state gives no warning: its task succeeds
and its Status holds the message. See Get-Task, Wait-Task and Stop-Task.
'@
        ThrottleLimit = 'At most this many VMs are started at the same time, 1 to 256. Default: 16. Output stays in input order whatever the value.'
    }
    Inputs      = @(
        @{ Type = 'VIToolkit.Core.Model.VirtualMachine'; Description = 'VMs to start, e.g. from Get-VM.' }
        @{ Type = 'System.String'; Description = 'Names of VMs to start (wildcards allowed).' }
    )
    Outputs     = @(@{ Type = 'VIToolkit.Core.Model.VirtualMachine'; Description = 'Each VM as it is after the start, read afresh from its host: PowerState is PoweredOn, State Running.' })
    Examples    = @(
        @{ Title = 'One VM'; Code = 'Start-VM web01'; Remarks = 'Powers on web01 (or resumes it, if it was suspended) and returns it.' }
        @{ Title = 'Everything that is not running on one host'; Code = 'Get-VM -Server esx01 | Where-Object PowerState -ne PoweredOn | Start-VM'; Remarks = 'Boots the powered-off VMs of esx01 and resumes its suspended ones, 16 at a time.' }
        @{ Title = 'Bring a tier up after maintenance, faster'; Code = 'Get-VM app*, db* | Start-VM -ThrottleLimit 64 | Format-Table Name, PowerState, VMHostName'; Remarks = 'Starts every app and db VM on all connected hosts, up to 64 at once. VMs that were already running give a warning and are listed too.' }
        @{ Title = 'Which VMs failed, and why'; Code = @'
Get-VM build* | Start-VM -ErrorVariable failed -ErrorAction SilentlyContinue | Out-Null
$failed | Select-Object @{ n = 'VM'; e = { $_.TargetObject.Name } }, @{ n = 'Error'; e = { $_.FullyQualifiedErrorId } }, @{ n = 'Message'; e = { $_.Exception.Message } }
'@; Remarks = 'Starts the build VMs quietly and lists, per VM that could not be started, the error id and libvirt''s message. The other VMs are started regardless.' }
        @{ Title = 'Start in the background'; Code = @'
$tasks = Get-VM -Server esx01 | Where-Object PowerState -ne PoweredOn | Start-VM -RunAsync
# ... other work ...
$tasks | Wait-Task | Format-Table Name, PowerState
'@; Remarks = 'Returns one task per VM at once; Wait-Task later returns the VMs, powered on, and writes an error for each VM that could not be started.' }
        @{ Title = 'Preview'; Code = 'Start-VM web* -Server esx02 -WhatIf'; Remarks = 'Shows which web VMs of esx02 would be started, without starting any.' }
    )
    Links       = @('Stop-VM', 'Suspend-VM', 'Stop-VMGuest', 'Restart-VM', 'Get-VM')
    Notes       = @'
PowerCLI equivalences: Start-VM -VM, -Server and -WhatIf/-Confirm work as in PowerCLI. Without -RunAsync, VMs are
started in parallel (-ThrottleLimit) and the command returns when all have been started; with -RunAsync it returns
tasks at once, as PowerCLI's does (Get-Task, Wait-Task, Stop-Task). Power state names are
PowerCLI's (PoweredOn, PoweredOff, Suspended); the State property gives libvirt's finer state (Running, Paused,
ShutOff, PMSuspended…).
'@
}
