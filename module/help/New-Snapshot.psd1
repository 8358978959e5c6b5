@{
    Synopsis    = 'Takes a snapshot of VMs.'
    Description = @'
Takes a snapshot named -Name of each VM given (libvirt virDomainSnapshotCreateXML, with libvirt's default kind of
snapshot for the hypervisor: with QEMU/KVM and qcow2 disks, an internal snapshot stored in the disk images which, for
a running VM, also holds its memory, so that reverting brings the VM back running where it was; the guest is paused
briefly while its memory is saved). A snapshot of a powered-off VM holds its disks only. The new snapshot becomes the
VM's current snapshot, a child of the previous current one.

Snapshot names are unique per VM and case-sensitive: a VM that already has a snapshot of that name gives
SnapshotAlreadyExists and keeps it. The name follows the rules of VM names: 1 to 200 characters, no '/', no control
characters, no leading or trailing spaces (else an InvalidSnapshotName error). A VM whose disks cannot hold snapshots (raw
images, block devices…) gives libvirt's refusal as an error.

Revert with Set-VM -Snapshot, list with Get-Snapshot, delete with Remove-Snapshot. A snapshot is not a backup: it
lives in the VM's disk images and goes with them.

Confirmation (-WhatIf, -Confirm) is asked for each VM as it arrives. Once all input has been received, the snapshots
are taken in parallel, at most -ThrottleLimit at a time, and come out in input order. Runs of two or more VMs show a
progress bar. A VM that fails gives one non-terminating error with the VM as its target and the other VMs still get
their snapshot. Ctrl+C stops the VMs not yet started.
'@
    Parameters  = @{
        VM            = @'
The VMs to snapshot: VirtualMachine objects (from Get-VM, or any object with a VM property), or names. Names with
wildcards (*, ?, [a-z]) match case-insensitively; exact names are case-sensitive, as libvirt's. Names are looked up on the default servers, or on the servers given with -Server; an exact name that matches no VM there is a
VMNotFound error, a wildcard that matches nothing does nothing. Accepts VMs and names from the pipeline. A VM given twice gets one snapshot.
'@
        Server        = @'
Only snapshot VMs on these servers (VIServer objects or server names, wildcards allowed). VMs on other servers, named
or piped, are skipped without a message.
'@
        ThrottleLimit = 'At most this many snapshots are taken at the same time, 1 to 256. Default: 16. Lower it to spare the hosts'' disks when snapshotting running VMs with much memory.'
        Name          = 'Name of the snapshot, unique per VM (case-sensitive): 1 to 200 characters, without ''/'', control characters or leading/trailing spaces. The same name is used for every VM given.'
        Description   = 'A free text kept with the snapshot (its Description property), e.g. why it was taken.'
    }
    Inputs      = @(
        @{ Type = 'VIToolkit.Core.Model.VirtualMachine'; Description = 'VMs to snapshot, e.g. from Get-VM.' }
        @{ Type = 'System.String'; Description = 'Names of VMs to snapshot (wildcards allowed).' }
    )
    Outputs     = @(@{ Type = 'VIToolkit.Core.Model.Snapshot'; Description = 'One snapshot per VM: Name, Description, Created, State (libvirt''s state of the VM when taken: running, shutoff…), PowerState, ParentSnapshot, IsCurrent, VM, VMId, Server.' })
    Examples    = @(
        @{ Title = 'Before a change'; Code = 'New-Snapshot web01 -Name before-upgrade -Description ''nginx 1.24 -> 1.26'''; Remarks = 'Takes a snapshot of web01 named before-upgrade.' }
        @{ Title = 'Before patching a tier'; Code = 'Get-VM app*, db* | New-Snapshot -Name "before-patch-$(Get-Date -Format yyyyMMdd)" -Description ''Monthly OS patches'''; Remarks = 'Snapshots every app and db VM on all connected hosts, 16 at a time, with a dated name.' }
        @{ Title = 'Patch, then roll back the failures'; Code = @'
Get-VM app* | New-Snapshot -Name before-patch | Out-Null
# ... patch the guests; $broken holds the names of those that do not come back ...
Set-VM $broken -Snapshot before-patch -Force
Get-Snapshot app* -Name before-patch | Remove-Snapshot -Confirm:$false
'@; Remarks = 'Takes a safety snapshot, reverts the VMs whose patching failed, then deletes the safety snapshots everywhere.' }
        @{ Title = 'Preview'; Code = 'New-Snapshot db* -Name nightly -WhatIf'; Remarks = 'Lists the VMs that would get a snapshot named nightly.' }
    )
    Links       = @('Get-Snapshot', 'Remove-Snapshot', 'Set-VM', 'Get-VM')
    Notes       = @'
PowerCLI equivalences: New-Snapshot -VM, -Name and -Description as in PowerCLI. PowerCLI's -Memory and -Quiesce are
not parameters here: the memory of a running VM is included as libvirt does by default, and the guest file systems
are not quiesced. There is no -RunAsync: snapshots are taken in parallel (-ThrottleLimit). Revert is Set-VM -Snapshot,
as in PowerCLI.
'@
}
