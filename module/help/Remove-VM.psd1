@{
    Synopsis    = 'Removes powered-off VMs from their hosts; with -DeletePermanently also deletes their disks.'
    Description = @'
Removes the definition of each VM given from its host (libvirt undefine), together with what libvirt keeps for it:
its snapshot metadata, its saved memory image if it was suspended to disk, and its NVRAM (UEFI variables). Without
-DeletePermanently the VM's disk files stay in their datastores, as with PowerCLI's Remove-VM without
-DeletePermanently: the disks can be attached to another VM, or deleted later.

With -DeletePermanently, the VM's disk files are deleted too: each file-backed disk (not CD-ROMs) that is a volume of
one of the host's datastores is deleted through libvirt (-Verbose lists them). A disk file that belongs to no
datastore of the host is left alone, with a warning naming it. Be sure no other VM uses the same disk.

A VM that is running or paused is refused with InvalidVMState ("stop it first (Stop-VM or Stop-VMGuest)"), as
PowerCLI refuses to remove a powered-on VM. Nothing is output unless -PassThru is given.

Removing is irreversible, so Remove-VM has a high confirm impact: with the default $ConfirmPreference it asks for
confirmation for each VM; pass -Confirm:$false in scripts.

Confirmation (-WhatIf, -Confirm) is asked for each VM as it arrives. Once all input has been received, the confirmed
VMs are removed in parallel, at most -ThrottleLimit at a time, in input order. Runs of two or more VMs show a progress
bar. A VM that fails gives one non-terminating error with the VM as its target (VMNotFound when it is already gone)
and the other VMs are still removed. Ctrl+C stops the VMs not yet removed.
'@
    Parameters  = @{
        VM                = @'
The VMs to remove: VirtualMachine objects (from Get-VM, or any object with a VM property such as a snapshot), or
names. Names with wildcards (*, ?, [a-z]) match case-insensitively; exact names are case-sensitive, as libvirt's.
Names are looked up on the default servers, or on the servers given with -Server; an exact name that matches no
VM there is a VMNotFound error, a wildcard that matches nothing does nothing. Accepts VMs and names from the pipeline. A VM given twice is removed once.
'@
        Server            = @'
Only remove VMs on these servers (VIServer objects or server names, wildcards allowed). VMs on other servers, named
or piped, are skipped without a message. Use it when the same VM name exists on several hosts.
'@
        ThrottleLimit     = 'At most this many VMs are removed at the same time, 1 to 256. Default: 16.'
        DeletePermanently = @'
Also deletes the VM's disk volumes from their datastores (PowerCLI: Remove-VM -DeletePermanently). Disk files that
are not volumes of a datastore of the host are kept, with a warning. The confirmation prompt says "Remove and delete
disks".
'@
        PassThru          = 'Outputs each removed VM (as it was just before removal). By default nothing is output.'
    }
    Inputs      = @(
        @{ Type = 'VIToolkit.Core.Model.VirtualMachine'; Description = 'VMs to remove, e.g. from Get-VM.' }
        @{ Type = 'System.String'; Description = 'Names of VMs to remove (wildcards allowed).' }
    )
    Outputs     = @(
        @{ Type = 'None'; Description = 'By default, nothing.' }
        @{ Type = 'VIToolkit.Core.Model.VirtualMachine'; Description = 'With -PassThru, each removed VM as it was just before removal.' }
    )
    Examples    = @(
        @{ Title = 'Unregister a VM, keeping its disk'; Code = 'Remove-VM old-web01'; Remarks = 'Asks for confirmation, then removes old-web01 from its host. Its disk stays in its datastore.' }
        @{ Title = 'Delete a VM and its disks'; Code = 'Remove-VM test-db03 -DeletePermanently -Confirm:$false -Verbose'; Remarks = 'Removes test-db03 and deletes its disk volumes without asking; -Verbose names each deleted disk.' }
        @{ Title = 'Tear down a test environment'; Code = @'
$vms = Get-VM test-*
$vms | Where-Object PowerState -ne PoweredOff | Stop-VM -Confirm:$false | Out-Null
$vms | Remove-VM -DeletePermanently -Confirm:$false
'@; Remarks = 'Powers off the test VMs that are on or suspended, then deletes them all with their disks.' }
        @{ Title = 'Keep a record of what was removed'; Code = 'Get-VM -Server esx04 | Where-Object Notes -like ''*decommission*'' | Remove-VM -PassThru -Confirm:$false | Export-Csv removed.csv'; Remarks = 'Removes the powered-off VMs of esx04 whose notes mark them for decommissioning, and saves their names, sizes and ids to a CSV file. VMs still running give InvalidVMState and stay.' }
        @{ Title = 'Preview'; Code = 'Get-VM scratch* | Remove-VM -DeletePermanently -WhatIf'; Remarks = 'Lists the VMs that would be removed with their disks.' }
    )
    Links       = @('New-VM', 'Stop-VM', 'Stop-VMGuest', 'Get-VM', 'Get-Datastore')
    Notes       = @'
PowerCLI equivalences: Remove-VM and -DeletePermanently as in PowerCLI; a powered-on VM is refused in both. There is
no -RunAsync: VMs are removed in parallel (-ThrottleLimit). A VM suspended to disk is not running and is removed
with its saved memory image.
'@
}
