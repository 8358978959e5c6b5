@{
    Synopsis    = 'Moves VMs to another host, live where it can, or to the host of a cluster that placement chooses.'
    Description = @'
Moves each VM given to the destination host, or, when -Destination is a cluster, to the member host that placement
chooses for it, and returns the VM as it now is on its new host. The VM keeps its name, UUID (Id), disks and
settings; only its host changes.

How a VM moves (-MigrationType):

- Live: the VM keeps running. libvirt migrates it peer-to-peer (virDomainMigrateToURI3 with the live, peer-to-peer,
  persist-on-destination, undefine-source, change-protection and abort-on-error flags): the source host's daemon
  connects to the destination's daemon itself (at the destination's -MigrationUri set with Set-VMHost, else at the
  URI the destination is connected with), copies the memory while the guest runs (to the destination's
  -MigrationDataUri when one is set) and switches the guest over with a short pause. The VM is defined persistently
  on the destination, and is undefined on the source only after the move has succeeded: a move that fails or is
  cancelled leaves the VM running on its source. Only a running (or paused) VM moves live, and only between two real
  hosts of the same hypervisor type.

- Offline: the VM's definition moves. It is defined on the destination; a running VM is then powered off on the
  source and powered on on the destination (a paused VM is paused again there), so its guest restarts and what it
  had in memory is lost; finally the VM is undefined on the source. At every step the VM is defined somewhere and
  runs on at most one host: when starting it on the destination fails, it is started again on the source and the
  definition is removed from the destination. A powered-off VM stays powered off.

- Auto (the default): Live when the VM is running (or paused), Offline for a powered-off VM. Auto never powers a VM
  off: a running VM that cannot move live (simulated hosts, New-VILab and libvirt's test driver, have no live
  migration; nor do hosts of different drivers) is refused with PowerOffRequired and keeps running where it is. Ask
  for the power cycle with -MigrationType Offline.

Before each move, the checks of Test-VMMigration run on the VM and its destination (networks, shared storage, CPU,
free memory, vCPUs, hypervisor, cluster rule, maintenance mode), unless -SkipCompatibilityCheck is given. A move that
fails them is refused before anything changes, with a MigrationIncompatible error (category InvalidOperation) that
names the failed checks' codes; its exception (MigrationRefusedException) has a Report property holding the
VMMigrationReport that Test-VMMigration would have returned, and its target is the VM.

With a cluster as -Destination, placement chooses a host for each VM among the cluster's connected members that are
not in maintenance mode (Set-VMHost -State Maintenance), never the VM's own host: the host must pass the
compatibility checks (all but free memory), have the VM's memory free after the VMs already placed on it by the same
command, and have at least as many logical CPUs as the VM has vCPUs. Among those, the host with the most free memory
wins, so the VMs spread out; the largest VMs are placed first. A VM that fits on no member gives a NoPlacement error
that says why for each member, and is not moved.

The VMs are confirmed one by one as they arrive (-WhatIf, -Confirm; the message names the destination, or the cluster
and its candidate hosts). Once all input has been received, every confirmed VM is moved as a background task: at
most -ThrottleLimit moves of this command run at the same time, and at most 2 moves out of any one source host run at
the same time in this PowerShell process, whatever the command (the others wait, in state Queued). Without -RunAsync,
Move-VM waits, shows a progress bar for the whole and one per running move (for live moves, the memory sent and
remaining), and writes each moved VM, in input order, as soon as it and the VMs before it are done. With -RunAsync it
returns one task object per VM at once (see Get-Task, Wait-Task and Stop-Task); the moves go on in the background
and Wait-Task later returns the moved VMs (the VM's Migration property tells how each one moved).
Ctrl+C during a synchronous Move-VM aborts the moves still queued or running (live migrations are aborted through
libvirt, and those VMs stay running on their source) and waits until libvirt has let go; moves that already
completed stay done.

The returned VM has a Migration property (a MigrationInfo object; on other VM objects it is empty) that tells what
was done: Type (Live or Offline: what was really done, never Auto), Method (e.g. "virDomainMigrateToURI3 (live,
peer-to-peer)" or "define on destination, undefine on source (offline)"), Source and Destination (host names),
StartTime, Duration (the move itself, checks excluded), DowntimeMs and BytesTransferred (the guest's pause at
switch-over and the data sent, as libvirt reports them; live moves only, else empty) and PoweredOffForMove (True
when a running or paused VM was powered off and on again). -Verbose writes a one-line summary per VM.

Errors, each non-terminating, for one VM, with the VM as its target (the other VMs go on):
DestinationIsSource (the VM is already on the destination host), MigrationIncompatible (see above), NoPlacement
(cluster destination: no member can take the VM), VMMigrationInProgress (the VM is already being moved by this
PowerShell process, or libvirt reports a job running on it), PowerOffRequired (-MigrationType Auto for a running VM
that cannot move live: nothing was changed), LiveMigrationNotPossible (-MigrationType Live for a VM
that is not running), LiveMigrationNotSupported (-MigrationType Live between hosts that cannot migrate live, such as
simulated hosts), VMSuspendedToDisk (an offline move of a VM suspended to disk with Suspend-VM -ToDisk: its saved
state cannot move; start it, or discard the state with Stop-VM, first), VMHasSnapshots (an offline move of a VM that
has snapshots, which the move would lose: remove them first), VMAlreadyExists (the destination already defines a VM
with that UUID), MigrationFailed (libvirt failed the move; the message gives libvirt's reason and says where the VM
runs now, as counted on both hosts, not assumed), MigrationCancelled (the move was cancelled, with Stop-Task or
Ctrl+C, while libvirt was migrating; the VM stays on its source), TaskCancelled (cancelled before it began:
nothing changed), VMNotFound and HostUnreachable. A -Destination that is neither a connected host nor a cluster with
connected members that are not in maintenance mode stops the command before anything moves, with a terminating
DestinationNotFound error (category ObjectNotFound).
'@
    Parameters  = @{
        VM                     = @'
The VMs to move: VirtualMachine objects (from Get-VM, or any object with a VM property such as a snapshot), or
names. Names with wildcards (*, ?, [a-z]) match case-insensitively; exact names are case-sensitive, as libvirt's.
Names are looked up on the default servers, or on the servers given with -Server; an exact name that matches no
VM there is a VMNotFound error, a wildcard that matches nothing does nothing. Accepts VMs and names from the pipeline.
A VM given twice is moved once.
'@
        Destination            = @'
Where to move the VMs: a VMHost object (from Get-VMHost), a VIServer object, a Cluster object (from Get-Cluster), or
a name. A name is looked up first among the connected hosts (without regard to case), then among the clusters of the
inventory (also without regard to case; no wildcards). With a cluster, placement chooses a member host for each VM
(see the description); members that are not connected or are in maintenance mode are left out. A host in maintenance
mode can still be named directly, but the compatibility checks then refuse it (DestinationInMaintenance) unless
-SkipCompatibilityCheck is given.
'@
        MigrationType          = @'
How to move: Auto (the default: live when the VM is running, offline for a VM that is not; a running VM that cannot
move live, for example between simulated hosts, is refused with PowerOffRequired and left running: Auto never powers
a VM off),
Live (the VM must keep running: LiveMigrationNotPossible for a VM that is not running, LiveMigrationNotSupported
between hosts that cannot migrate live, such as simulated ones; nothing is moved then) or Offline (always move the
definition; a running VM is powered off on the source and on again on the destination, without a warning).
'@
        SkipCompatibilityCheck = @'
Moves the VMs without running the Test-VMMigration checks first, so a VM is moved even to a host that lacks one of
its networks, does not share its storage, is in another cluster or is in maintenance mode. libvirt may still refuse
the move (MigrationFailed), and a VM moved this way may not start, or not reach its network, on the destination. With
a cluster as -Destination, placement still only chooses members that pass the checks other than the cluster rules
(same cluster, maintenance mode).
'@
        RunAsync               = @'
Returns one task object (VITask) per VM at once, in input order, instead of waiting; the moves go on in the
background. Follow them with Get-Task, wait for them with Wait-Task (which returns the moved VMs and writes the
errors of the moves that failed), cancel them with Stop-Task. Errors found before the moves start (NoPlacement,
VMNotFound, DestinationNotFound) are still written by Move-VM itself. No warning is written for offline moves: the
VM's Migration property tells (Type Offline, PoweredOffForMove True).
'@
        Server                 = @'
Only move VMs on these servers (VIServer objects or server names, wildcards allowed). VMs on other servers, named or
piped, are skipped without a message. Handy when the same VM name exists on several hosts.
'@
        ThrottleLimit          = @'
At most this many moves of this command run at the same time, 1 to 256. Default: 16. Whatever the value, at most 2
moves out of one source host run at the same time in this PowerShell process (the others wait, in state Queued).
Output stays in input order whatever the value.
'@
    }
    Inputs      = @(
        @{ Type = 'VIToolkit.Core.Model.VirtualMachine'; Description = 'VMs to move, e.g. from Get-VM.' }
        @{ Type = 'System.String'; Description = 'Names of VMs to move (wildcards allowed).' }
    )
    Outputs     = @(
        @{ Type = 'VIToolkit.Core.Model.VirtualMachine'; Description = @'
Without -RunAsync: each moved VM as it now is on its destination (VMHostName is the new host), with its Migration
property (MigrationInfo: Type, Method, Source, Destination, StartTime, Duration, DowntimeMs, BytesTransferred,
PoweredOffForMove). VMs that could not be moved are not output; they are the targets of their errors.
'@ }
        @{ Type = 'VIToolkit.Core.Tasks.VITask'; Description = 'With -RunAsync: one task per VM (Id, Name Move-VM, Description, State, PercentComplete, Status, Result, Error…), at once.' }
    )
    Examples    = @(
        @{ Title = 'Move one VM to another host'; Code = 'Move-VM db01 -Destination esx03'; Remarks = @'
Checks that db01 can run on esx03 (as Test-VMMigration does), then moves it: live if it is running on a real host,
offline if it is powered off. The VM is returned as it is on esx03.
'@ }
        @{ Title = 'See how it went'; Code = 'Move-VM web01 esx02 | Select-Object -ExpandProperty Migration'; Remarks = @'
Shows the move's MigrationInfo: Type (Live or Offline), Source, Destination, Duration, the guest's downtime in
milliseconds and the data sent (live moves), and whether the VM had to be powered off for the move.
'@ }
        @{ Title = 'Let the cluster choose the hosts'; Code = 'Get-VM app* | Move-VM -Destination Prod'; Remarks = @'
Places each app VM on the member of cluster Prod with the most free memory that can take it (never its own host,
never a host in maintenance mode) and moves it there. A VM that fits nowhere gives a NoPlacement error saying why.
'@ }
        @{ Title = 'Live or nothing'; Code = 'Move-VM db01 esx03 -MigrationType Live'; Remarks = 'Moves db01 only if it can keep running; otherwise (powered off, or hosts that cannot migrate live) it gives an error and nothing changes.' }
        @{ Title = 'Why was a move refused?'; Code = @'
Move-VM db01 esx04 -ErrorVariable refused -ErrorAction SilentlyContinue
$refused | Where-Object FullyQualifiedErrorId -like 'MigrationIncompatible*' |
    ForEach-Object { $_.Exception.Report.Issues } | Format-Table Severity, Code, Message -Wrap
'@; Remarks = 'When the checks refuse the move, the error''s exception carries the Test-VMMigration report: here the issues that stopped it, e.g. NetworkNameNearMiss.' }
        @{ Title = 'Move in the background'; Code = @'
$tasks = Get-VM -Server esx01 | Where-Object PowerState -eq PoweredOn | Move-VM -Destination Prod -RunAsync
Get-Task -Status Running, Queued
$tasks | Wait-Task -TimeoutSeconds 1800 | Format-Table Name, VMHostName, @{ n = 'Type'; e = { $_.Migration.Type } }
'@; Remarks = 'Starts the moves of every running VM of esx01 and returns at once; later waits up to 30 minutes for them and lists where each VM went and how.' }
        @{ Title = 'Preview'; Code = 'Get-VM web* | Move-VM -Destination Prod -WhatIf'; Remarks = 'Shows which VMs would be moved and the candidate hosts of Prod, without checking or moving anything.' }
    )
    Links       = @('Test-VMMigration', 'Set-VMHost', 'Get-Task', 'Wait-Task', 'Stop-Task', 'Get-Cluster', 'Get-VM')
    Notes       = @'
PowerCLI equivalences: Move-VM -VM -Destination moves VMs between hosts as PowerCLI's does (vMotion when the VM runs);
-Destination also takes a cluster, where PowerCLI lets DRS choose the host. -RunAsync returns tasks as PowerCLI's
does (Get-Task, Wait-Task, Stop-Task). Storage is not moved: the VM's disks must be on storage both hosts share
(there is no -Datastore, no -PortGroup and no -NetworkAdapter; a VM's networks must exist under the same names on
the destination). -MigrationType and -SkipCompatibilityCheck are VIToolkit's own; VMware's -VMotionPriority has no
equivalent. The compatibility checks are Test-VMMigration's, including VIToolkit's rule that a VM moves only within
its cluster unless the cluster allows otherwise (Set-Cluster -AllowMigrationOutOfCluster). To empty a host for
maintenance, use Set-VMHost -State Maintenance -Evacuate, as in PowerCLI.
'@
}
