@{
    Synopsis    = 'Deletes VM snapshots.'
    Description = @'
Deletes each snapshot given (libvirt virDomainSnapshotDelete). The VM itself is not changed: its current state stays
as it is; only the possibility to revert to that snapshot goes. The snapshots taken after it (its children) are kept
and become children of its parent, unless -RemoveChildren is given, which deletes them too.

Snapshots are objects from Get-Snapshot or New-Snapshot; names are not accepted, so that the VM is always known
(Get-Snapshot web01 -Name x | Remove-Snapshot).

Deleting is irreversible, so Remove-Snapshot has a high confirm impact: with the default $ConfirmPreference it asks
for confirmation for each snapshot; pass -Confirm:$false in scripts.

Snapshots are deleted one after the other, as they arrive. A snapshot that cannot be deleted gives one
non-terminating error with the snapshot as its target and the next ones are still deleted: SnapshotNotFound when it is
already gone (for instance deleted with its parent by -RemoveChildren earlier in the same pipeline), VMNotFound when
its VM has been removed. Nothing is output.
'@
    Parameters  = @{
        PassThru = 'Write each removed snapshot (as it was before removal) to the pipeline, e.g. to log what was deleted.'
        Snapshot       = 'The snapshots to delete, from Get-Snapshot or New-Snapshot. Accepts snapshots from the pipeline.'
        RemoveChildren = @'
Also deletes the snapshots taken after each one (its children, and theirs). Do not combine it with all the snapshots
of a VM piped from Get-Snapshot: the children are deleted with their parent and then give SnapshotNotFound errors.
'@
    }
    Inputs      = @(@{ Type = 'VIToolkit.Core.Model.Snapshot'; Description = 'Snapshots to delete.' })
    Outputs     = @(@{ Type = 'None'; Description = 'This command outputs nothing.' })
    Examples    = @(
        @{ Title = 'One snapshot'; Code = 'Get-Snapshot web01 -Name before-upgrade | Remove-Snapshot'; Remarks = 'Asks for confirmation, then deletes the snapshot before-upgrade of web01.' }
        @{ Title = 'Snapshots older than a week'; Code = 'Get-VM | Get-Snapshot | Where-Object Created -lt (Get-Date).AddDays(-7) | Remove-Snapshot -Confirm:$false'; Remarks = 'Deletes every snapshot taken more than seven days ago on all default servers, without asking.' }
        @{ Title = 'A whole snapshot tree'; Code = 'Get-Snapshot db01 | Where-Object { -not $_.ParentSnapshot } | Remove-Snapshot -RemoveChildren -Confirm:$false'; Remarks = 'Deletes the root snapshots of db01 with all their descendants, so that db01 has no snapshot left.' }
        @{ Title = 'Preview'; Code = 'Get-Snapshot app* -Name before-patch* | Remove-Snapshot -WhatIf'; Remarks = 'Lists the snapshots that would be deleted.' }
    )
    Links       = @('Get-Snapshot', 'New-Snapshot', 'Set-VM')
    Notes       = @'
PowerCLI equivalences: Remove-Snapshot -Snapshot and -RemoveChildren as in PowerCLI, with a high confirm impact in
both. There is no -RunAsync.
'@
}
