@{
    Synopsis    = 'Gets the events of the store: every change VIToolkit made (power operations, creates and removes, snapshots, moves, maintenance, cluster changes), newest first.'
    Description = @'
Every change VIToolkit makes is recorded as an event in the store (SQLite by default, or a shared PostgreSQL database),
so every admin, on this machine or another that shares the store, sees the same history. Each event has a Key
(monotonic), CreatedTime (UTC), Type (vSphere's names: VmPoweredOnEvent, VmPoweredOffEvent, VmSuspendedEvent,
VmResumedEvent, VmResettingEvent, VmGuestRebootEvent, VmGuestShutdownEvent, VmCreatedEvent, VmRemovedEvent,
VmReconfiguredEvent, VmSnapshotCreatedEvent, VmSnapshotRevertedEvent, VmSnapshotRemovedEvent, VmMigratedEvent (live),
VmRelocatedEvent (offline), EnteredMaintenanceModeEvent, ExitMaintenanceModeEvent, ClusterCreatedEvent,
ClusterReconfiguredEvent, ClusterDestroyedEvent, HostAddedToClusterEvent, HostRemovedFromClusterEvent), Severity,
the entity (EntityType, EntityName, EntityId), Host, Cluster, UserName (the OS user that made the change),
FullFormattedMessage, ChainId (the task, for a move) and Data (for a move: its type, method, duration and downtime).

Without -MaxSamples every matching event is returned: there is no silent cap. With -MaxSamples the newest are returned,
and a warning says when more matched. Events are written in the background, in batches; Get-VIEvent first writes
this session's own pending events, so a command's events are seen at once.
'@
    Parameters  = @{
        Entity     = 'Only the events of these VMs, hosts (with their VMs'' events) or clusters (with their hosts'' and VMs''): objects from Get-VM, Get-VMHost, Get-Cluster, or names. Also from the pipeline.'
        Start      = 'Only events at or after this time.'
        Finish     = 'Only events at or before this time.'
        Types      = 'Only events of these types (e.g. VmPoweredOnEvent, VmMigratedEvent), or of these categories: Error, Warning, Info (PowerCLI''s -Types).'
        Username   = 'Only events of changes made by these users.'
        MaxSamples = 'At most this many events, the newest. Without it, every matching event.'
    }
    Inputs      = @(@{ Type = 'VIToolkit.Core.Model.VirtualMachine, VIToolkit.Core.Model.VMHost, VIToolkit.Core.Clusters.Cluster, System.String'; Description = 'Entities whose events to get.' })
    Outputs     = @(@{ Type = 'VIToolkit.Core.Store.VIEvent'; Description = 'The events, newest first.' })
    Examples    = @(
        @{ Title = 'What happened to a VM in the last hour'; Code = 'Get-VM db01 | Get-VIEvent -Start (Get-Date).AddHours(-1)'; Remarks = 'Power operations, moves, snapshots and changes of db01, newest first.' }
        @{ Title = 'Every move of the week'; Code = 'Get-VIEvent -Types VmMigratedEvent, VmRelocatedEvent -Start (Get-Date).AddDays(-7) | Select-Object CreatedTime, EntityName, @{ n = ''From''; e = { $_.Data.source } }, @{ n = ''To''; e = { $_.Data.destination } }, @{ n = ''DowntimeMs''; e = { $_.Data.downtimeMs } }'; Remarks = 'Lists the moves with their source, destination and downtime.' }
        @{ Title = 'Who did what on a cluster'; Code = 'Get-Cluster Prod | Get-VIEvent -MaxSamples 50 | Format-Table CreatedTime, UserName, FullFormattedMessage'; Remarks = 'The 50 newest events of Prod, its hosts and their VMs.' }
    )
    Links       = @('Get-Task', 'Get-VM', 'Get-Cluster')
    Notes       = @'
PowerCLI equivalences: Get-VIEvent with -Entity, -Start, -Finish, -Types, -Username and -MaxSamples. PowerCLI's
default of 100 samples is not kept: without -MaxSamples every match is returned. Changes made outside VIToolkit (virsh
on a host) are not yet recorded.
'@
}
