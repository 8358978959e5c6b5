@{
    Synopsis    = 'Gets the snapshots of VMs.'
    Description = @'
Gets the snapshots of each VM given, read from its host. The snapshots of one VM come out oldest first; the VMs in
input order. Each snapshot knows its VM (the VM property, read afresh), its parent (ParentSnapshot) and whether it is
the VM's current snapshot (IsCurrent), the one the next snapshot will be a child of.

-Name filters by snapshot name: names with wildcards match case-insensitively, exact names case-sensitively (as
libvirt's). An exact name that is found on none of the VMs given gives one SnapshotNotFound error (after the other
snapshots have been output); a wildcard that matches nothing gives nothing. Without -Name, all snapshots are returned.

The VMs are read in parallel, at most -ThrottleLimit at a time, without confirmation. A VM that cannot be read gives
one non-terminating error with the VM as its target (VMNotFound when it has been removed) and the other VMs' snapshots
are still returned.
'@
    Parameters  = @{
        VM            = @'
The VMs whose snapshots to get: VirtualMachine objects (from Get-VM), or names. Names with wildcards (*, ?, [a-z])
match case-insensitively; exact names are case-sensitive, as libvirt's. Names are looked up on the default servers, or on the servers given with -Server; an exact name that matches no VM there is a VMNotFound error, a wildcard that matches nothing does nothing. Accepts VMs and names
from the pipeline.
'@
        Server        = @'
Only VMs on these servers (VIServer objects or server names, wildcards allowed). VMs on other servers, named or
piped, are skipped without a message.
'@
        ThrottleLimit = 'At most this many VMs are read at the same time, 1 to 256. Default: 16.'
        Name          = 'Names of the snapshots to get. Wildcards are allowed and match case-insensitively; exact names are case-sensitive. Default: all snapshots.'
    }
    Inputs      = @(
        @{ Type = 'VIToolkit.Core.Model.VirtualMachine'; Description = 'VMs whose snapshots to get, e.g. from Get-VM.' }
        @{ Type = 'System.String'; Description = 'Names of VMs (wildcards allowed).' }
    )
    Outputs     = @(@{ Type = 'VIToolkit.Core.Model.Snapshot'; Description = 'Name, Description, Created (local time), State (libvirt''s state of the VM when taken: running, shutoff, disk-snapshot…), PowerState, ParentSnapshot, IsCurrent, VM, VMId, Server.' })
    Examples    = @(
        @{ Title = 'The snapshots of one VM'; Code = 'Get-Snapshot web01'; Remarks = 'Lists all snapshots of web01, oldest first.' }
        @{ Title = 'Old snapshots across the estate'; Code = 'Get-VM | Get-Snapshot | Where-Object Created -lt (Get-Date).AddDays(-14) | Format-Table VM, Name, Created, Description'; Remarks = 'Finds every snapshot older than two weeks on all default servers, a common source of wasted datastore space.' }
        @{ Title = 'By name, with wildcards'; Code = 'Get-Snapshot app*, db* -Name before-patch*'; Remarks = 'Gets the snapshots whose name starts with before-patch (in any case) of the app and db VMs.' }
        @{ Title = 'Clean up'; Code = 'Get-Snapshot -VM (Get-VM -Server esx02) -Name nightly | Remove-Snapshot -Confirm:$false'; Remarks = 'Deletes the snapshot named nightly of every VM of esx02 that has one. If none has it, SnapshotNotFound says so.' }
        @{ Title = 'Which snapshot would a VM revert to'; Code = 'Get-Snapshot db01 | Where-Object IsCurrent'; Remarks = 'Shows db01''s current snapshot, the one its state is based on.' }
    )
    Links       = @('New-Snapshot', 'Remove-Snapshot', 'Set-VM', 'Get-VM')
    Notes       = @'
PowerCLI equivalences: Get-Snapshot -VM and -Name as in PowerCLI (PowerCLI's -Id is not available: a snapshot is
identified by its VM and its name). Created is in local time; SizeGB/SizeMB are not reported.
'@
}
