@{
    Synopsis    = 'Puts hosts into maintenance mode (moving their running VMs to other hosts of the cluster first) or back in service, and sets how other hosts reach them for migrations.'
    Description = @'
-State Maintenance puts each host in maintenance mode. Maintenance mode is a cluster setting kept in the inventory
file ($env:VITOOLKIT_INVENTORY, else ~/.local/share/VIToolkit/inventory.json; see New-Cluster), so the host must be a
member of a cluster (else HostNotInCluster).
A -MigrationUri or -MigrationDataUri with a password is refused (CredentialInUri): the inventory never holds one. A host in maintenance mode shows ConnectionState Maintenance (Get-VMHost;
it stays connected and can still be used), is listed in its cluster's MaintenanceHosts (Get-Cluster), and is left out
by placement: Move-VM to the cluster and the evacuation of other members do not choose it, and Test-VMMigration and
Move-VM refuse it as a destination (DestinationInMaintenance). The mark survives the session: Connect-VIServer shows
the host in maintenance again when it reconnects. Nothing is changed on the host itself.

A host that still runs VMs (powered on, or paused in memory) is not put in maintenance mode without -Evacuate: a
HostHasRunningVMs error names them. With -Evacuate, a destination is first planned for every one of them among the
other members of the host's cluster that are connected and not in maintenance mode, with the same rules as Move-VM to
a cluster (compatibility checks, free memory counting the VMs placed before, enough logical CPUs; the most free
memory wins). If any VM fits nowhere, the host is refused as a whole before anything moves: EvacuationNotPossible
names each VM that cannot go and why (for example "'db01' (esx02: not enough free memory or CPUs)" or a missing
network's code). A running VM is never powered off unless you ask for it: with -MigrationType Auto (the default) every
VM must be able to move live to its destination, else EvacuationNotPossible names the VMs that cannot (always the
case for simulated hosts) and nothing moves; -MigrationType Offline powers them off and on again on their new hosts.
Otherwise, after confirmation (the message lists each VM and its destination), the VMs are moved as Move-VM would
move them, all at once within the bound of 2 moves out of one host at a time. While the moves go on the host shows
ConnectionState EnteringMaintenance and placement leaves it out.
What it writes: the host, and nothing else. No warning is written, also not for the power cycles of -MigrationType
Offline (simulated hosts can move VMs no other way), since you asked for them. -Verbose writes the plan (the
confirmation message: "Move 4 VM(s) (file02 to esx02, …), then enter maintenance mode") and then one line per VM
moved, with the kind of move, its source, destination and duration: "VM 'app02': Offline esx03 -> esx01 in 0.0 s".
Get-Task lists the moves (named Set-VMHost); the Result of each is the moved VM, whose Migration says how it moved
(Type Offline, PoweredOffForMove True for a VM that was powered off and on again).
Powered-off VMs and VMs suspended to disk stay on the host. When every VM has moved, the host is put in maintenance mode. A VM that
fails to move gives its own error (MigrationFailed and so on, see Move-VM) and then EvacuationIncomplete says that the
host was not put in maintenance mode; the VMs that did move stay where they went. Ctrl+C aborts the moves still
going (their VMs stay on the host) and leaves the host out of maintenance mode.

-State Connected takes each host out of maintenance mode (also a host that was not in it); the host must be in a
cluster (else HostNotInCluster).

-MigrationUri and -MigrationDataUri store, in the inventory file's hosts list, how other hosts reach this one when a
VM moves live to it: Move-VM and evacuations then have the source host's daemon connect to -MigrationUri (instead of
the URI this session is connected with, which may be a local socket or go through NAT), and send the VM's memory to
-MigrationDataUri. A URI with a password is refused (CredentialInUri): none is ever stored. An empty string clears a value; a value not given is
kept. They can be set for any host, in a cluster or not, together with -State or alone.

Hosts are given as objects or names, also from the pipeline, and are handled one after the other; each one is
confirmed (-WhatIf, -Confirm) for each change: the migration URIs, leaving maintenance, entering it (after the
evacuation has been planned, so that -WhatIf shows where each VM would go). Each host is then output as it is
afterwards (with -WhatIf too, except for -State Maintenance). Errors are non-terminating and the other hosts go on:
HostNotInCluster, HostHasRunningVMs, EvacuationNotPossible, EvacuationIncomplete (all with the host as target),
InvalidUri (a -MigrationUri that is not a libvirt URI), HostUnreachable and the inventory errors (InventoryLocked,
InventoryCorrupt, InventoryAccessDenied…). A host that is refused, or whose entry into maintenance mode is not
confirmed, is not output. -Evacuate without -State Maintenance (EvacuateWithoutMaintenance) and a -MigrationDataUri
that is not an absolute URI (InvalidUri) stop the command before anything is done.
'@
    Parameters  = @{
        VMHost           = @'
The hosts to change: VMHost objects (from Get-VMHost, also from the pipeline), VIServer objects, objects that carry
a host (VMs, datastores, networks), or names of connected hosts (wildcards allowed). A name that no connected host has
is a non-terminating VMHostNotFound (one that is a cluster's name says so: name its hosts, e.g.
Get-Cluster Prod | Get-VMHost | Set-VMHost ...), and the other hosts go on.
'@
        State            = @'
Maintenance: put the host in maintenance mode (it must be in a cluster, and run no VM unless -Evacuate is given).
Connected: take it out of maintenance mode, back into placement. Not given: the maintenance mode is not changed.
'@
        Evacuate         = @'
With -State Maintenance: first move every running or paused VM of the host to the other members of its cluster
(connected and not in maintenance mode), then put the host in maintenance mode. Refused as a whole
(EvacuationNotPossible) when any VM fits on no other member. Only with -State Maintenance.
'@
        MigrationType    = @'
With -Evacuate: Auto (the default: every running VM moves live; if one cannot, for example on simulated hosts, the
evacuation is refused before anything moves, and no VM is ever powered off), Live (the same, said explicitly), or
Offline (the VMs are powered off on this host and on again on their new ones: ask for it when a live move is not
possible and the downtime is acceptable).
'@
        MigrationUri     = @'
The libvirt URI that other hosts' daemons use to reach this host's daemon when a VM moves live to it
(peer-to-peer), e.g. qemu+ssh://root@10.0.0.2/system or qemu+tls://kvm02.example.com/system. Stored in the
inventory, without any password. An empty string clears it (then the URI this session is connected with is used).
'@
        MigrationDataUri = @'
Where a VM's memory is sent on this host when it moves live to it (libvirt's migrate_uri), e.g. tcp://10.0.0.2 to
use a dedicated migration network. Must be an absolute URI. Stored in the inventory; an empty string clears it (then
libvirt chooses).
'@
    }
    Inputs      = @(
        @{ Type = 'VIToolkit.Core.Model.VMHost'; Description = 'Hosts to change, e.g. from Get-VMHost.' }
        @{ Type = 'System.String'; Description = 'Names of connected hosts (wildcards allowed), or of a cluster.' }
    )
    Outputs     = @(@{ Type = 'VIToolkit.Core.Model.VMHost'; Description = 'Each host handled, read afresh: ConnectionState Maintenance or Connected, VMCount and so on. Nothing for a host that was refused, or whose entry into maintenance mode was not confirmed.' })
    Examples    = @(
        @{ Title = 'Empty a host and put it in maintenance mode'; Code = 'Set-VMHost esx02 -State Maintenance -Evacuate'; Remarks = @'
Plans a destination among the other members of esx02's cluster for each of its running VMs, moves them (live where
possible) and puts esx02 in maintenance mode. If one VM fits nowhere, nothing moves and EvacuationNotPossible says why.
'@ }
        @{ Title = 'See the plan first'; Code = 'Set-VMHost esx02 -State Maintenance -Evacuate -WhatIf'; Remarks = 'Shows which VM would go to which host, without moving anything or changing the inventory.' }
        @{ Title = 'Empty a simulated host, power-cycling its VMs, and see each move'; Code = @'
Set-VMHost esx03 -State Maintenance -Evacuate -MigrationType Offline -Verbose
Get-Task | Where-Object Name -eq Set-VMHost | ForEach-Object { $_.Result.Migration }
'@; Remarks = @'
Simulated hosts (New-VILab) cannot move a running VM live, so -MigrationType Offline asks for power cycles. Without
-Verbose only esx03 is written (ConnectionState Maintenance); -Verbose adds the plan and a line per VM such as
"VM 'app02': Offline esx03 -> esx01 in 0.0 s". The tasks' results show each move (Type Offline, PoweredOffForMove).
'@ }
        @{ Title = 'Back in service'; Code = @'
Set-VMHost esx02 -State Connected
Get-Cluster Prod | Select-Object Name, MaintenanceHosts
'@; Remarks = 'Takes esx02 out of maintenance mode, so that placement uses it again, and checks that the cluster no longer lists it.' }
        @{ Title = 'A host with no running VM'; Code = 'Get-VMHost esx04 | Set-VMHost -State Maintenance'; Remarks = 'Puts esx04 in maintenance mode; if it still runs VMs, HostHasRunningVMs names them and nothing changes.' }
        @{ Title = 'A dedicated migration network'; Code = @'
Set-VMHost kvm02 -MigrationUri 'qemu+ssh://root@10.10.10.12/system' -MigrationDataUri 'tcp://10.10.10.12'
Move-VM db01 -Destination kvm02
'@; Remarks = 'Moves to kvm02 now go through its address on the 10.10.10.0/24 network, both for the daemons and for the memory copy.' }
    )
    Links       = @('Move-VM', 'Get-VMHost', 'Get-Cluster', 'Move-VMHost', 'Test-VMMigration', 'Get-Task')
    Notes       = @'
PowerCLI equivalences: Set-VMHost -State Maintenance -Evacuate and -State Connected work as in PowerCLI (with DRS
evacuating the host's VMs); here the evacuation plans every VM before any moves and refuses as a whole when one
cannot go. In PowerCLI, a fully automated DRS cluster also re-registers the host's powered-off and suspended VMs elsewhere;
here they stay on the host. The Disconnected and
NotResponding states cannot be set (use Disconnect-VIServer). There is no -RunAsync: Set-VMHost returns when the
evacuation has finished (Get-Task lists its moves, named Set-VMHost). -MigrationUri and -MigrationDataUri are
VIToolkit's own (the vMotion network of a host is configured on the host in vSphere).
'@
}
